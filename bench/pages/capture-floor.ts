/**
 * The floor of quick capture and of typing, for bench/capture.mjs: the same
 * key presses, the same fields (by the same accessible names) and the same
 * performance marks as the app, with nothing of the app behind them. The
 * chord shows a plain <dialog> and focuses its field; Enter pushes the event
 * onto the timeline of the same 20,000-event incident, loaded from the
 * app's database into a Y.Doc ('capture-logged'), and adds the update to a
 * database of its own in a strict transaction ('incident-saved'), then a
 * line to a plain list; typing goes into a bare <textarea>. No validation,
 * no projection, no React: no implementation can do these for less.
 */
import * as Y from 'yjs';
import { openDatabase } from '../../src/renderer/incidents/db';
import { createIncidentDoc, timelineOf } from '../../src/shared/incident';
import { incidentIdParam } from './protocol';

declare global {
  interface Window {
    benchReady?: boolean;
  }
}

async function start(): Promise<void> {
  const incidentId = incidentIdParam();
  const source = openDatabase();
  const stored = await source.records.where('incidentId').equals(incidentId).sortBy('seq');
  source.close();
  const doc = createIncidentDoc(incidentId);
  doc.transact(() => {
    for (const row of stored) Y.applyUpdate(doc, row.bytes, 'bench:floor');
  }, 'bench:floor');
  const timeline = timelineOf(doc);
  // Its own database, with the app's schema and durability: the app's stored incident is not touched.
  const floorDb = openDatabase('command-post-bench-floor');
  let lastUpdate: Uint8Array | null = null;
  doc.on('update', (update: Uint8Array) => {
    lastUpdate = update;
  });

  const dialog = document.querySelector('dialog')!;
  const field = dialog.querySelector('textarea')!;
  const rows = document.getElementById('rows')!;
  let pressedAt = 0;

  window.addEventListener(
    'keydown',
    (event) => {
      if (event.code === 'Digit1' && event.ctrlKey && event.altKey && event.shiftKey) {
        event.preventDefault();
        pressedAt = Date.now();
        if (!dialog.open) dialog.showModal();
        field.focus();
      }
    },
    true,
  );
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      dialog.close();
      field.value = '';
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const text = field.value.trim();
    doc.transact(() => timeline.push([{ id: crypto.randomUUID(), kind: 'note', at: pressedAt, loggedAt: Date.now(), author: 'Bench Reader', text }]));
    performance.clearMarks('capture-logged');
    performance.mark('capture-logged');
    const bytes = lastUpdate!;
    void floorDb
      .transaction('rw', floorDb.records, () => floorDb.records.add({ incidentId, kind: 'delta', bytes, crc: 0, savedAt: Date.now() }))
      .then(() => {
        performance.clearMarks('incident-saved');
        performance.mark('incident-saved');
      });
    const row = document.createElement('li');
    row.textContent = text;
    rows.append(row);
    field.value = '';
    dialog.close();
  });

  document.getElementById('status')!.textContent = `Ready: ${timeline.length} events`;
  window.benchReady = true;
}

start().catch((error: unknown) => {
  document.getElementById('status')!.textContent = `Failed: ${String(error)}`;
  throw error;
});
