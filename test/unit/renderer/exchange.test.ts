import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type CommandPostDb } from '../../../src/renderer/incidents/db';
import { exportIncident, importIncidentText, readIncidentFile, tallyPhrase } from '../../../src/renderer/incidents/exchange';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import {
  MAX_INCIDENT_FILE_BYTES,
  createIncidentDoc,
  declareIncident,
  decodeIncidentFile,
  encodeIncidentFile,
  logEvent,
  projectIncident,
  setKeyEntry,
  strikeEntry,
} from '../../../src/shared/incident';
import { MINUTE, T0, testContext } from '../harness/context';

let counter = 0;
function freshDb(): CommandPostDb {
  return openDatabase(`command-post-exchange-${++counter}`);
}

/** Another machine's incident: declared and `events` notes logged. */
function remoteIncident(id = 'inc-remote', events = 3) {
  const doc = createIncidentDoc(id);
  const ctx = testContext('Dana Scully', T0, `${id}-a`);
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, ctx);
  for (let i = 0; i < events; i++) {
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'note', text: `remote note ${i + 1}` }, ctx);
  }
  return { doc, ctx };
}

const fileOf = (doc: Y.Doc) => encodeIncidentFile(doc, { exportedAt: T0 + 10 * MINUTE, exportedBy: 'Dana Scully' });

/** Everything stored, to compare before and after a refused import. */
async function dump(db: CommandPostDb) {
  const [incidents, records, backups, damaged] = await Promise.all([db.incidents.toArray(), db.records.toArray(), db.backups.toArray(), db.damaged.toArray()]);
  return { incidents, records, backups, damaged };
}

/** Opens the stored incident again, as the app would after a restart. */
async function reopen(db: CommandPostDb, id: string) {
  const handle = new IncidentSessions(db).acquire(id);
  const session = await handle.ready;
  const snapshot = session.projection.snapshot;
  handle.release();
  return snapshot;
}

describe('importing an incident file into storage', () => {
  it('stores a new incident with its catalog entry, and says so', async () => {
    const db = freshDb();
    const { doc } = remoteIncident('inc-remote', 3);
    const outcome = await importIncidentText(new IncidentSessions(db), fileOf(doc));
    expect(outcome).toMatchObject({ ok: true, kind: 'new', incidentId: 'inc-remote', name: '26-Bravo', events: 4, added: 4 });
    expect(outcome.message).toBe('Imported 26-Bravo (new, 4 entries).');
    expect(await db.incidents.get('inc-remote')).toMatchObject({ name: '26-Bravo', severity: 'SEV-2', state: 'active' });
    expect((await reopen(db, 'inc-remote')).timeline.map((e) => e.text)).toEqual(projectIncident(doc).timeline.map((e) => e.text));
  });

  it('merges a newer copy into the stored incident, counting the new events', async () => {
    const db = freshDb();
    const sessions = new IncidentSessions(db);
    const { doc, ctx } = remoteIncident('inc-remote', 2);
    await importIncidentText(sessions, fileOf(doc));

    // Meanwhile, this machine logs an event of its own.
    const handle = sessions.acquire('inc-remote');
    const session = await handle.ready;
    logEvent(session.doc, { kind: 'decision', text: 'local decision' }, testContext('Fox Mulder', T0 + 30 * MINUTE, 'local'));
    await session.persistence.flushed();
    handle.release();

    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'action', text: 'remote action' }, ctx);
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'note', text: 'remote note' }, ctx);
    const outcome = await importIncidentText(sessions, fileOf(doc));
    expect(outcome).toMatchObject({ ok: true, kind: 'merged', events: 6, added: 2, message: 'Merged 26-Bravo: 2 new entries.' });
    const stored = await reopen(db, 'inc-remote');
    expect(stored.timeline.map((e) => e.text)).toEqual(expect.arrayContaining(['local decision', 'remote action', 'remote note']));
    expect(stored.timeline).toHaveLength(6);
    expect(await db.incidents.count()).toBe(1);
  });

  it('changes nothing stored when the same file is imported twice', async () => {
    const db = freshDb();
    const sessions = new IncidentSessions(db);
    const text = fileOf(remoteIncident().doc);
    await importIncidentText(sessions, text);
    const before = await dump(db);
    const again = await importIncidentText(sessions, text);
    expect(again).toMatchObject({ ok: true, kind: 'unchanged', added: 0, message: '26-Bravo is already up to date: the file holds nothing new.' });
    expect(await dump(db)).toEqual(before);
  });

  it('changes nothing stored when a file is refused', async () => {
    const db = freshDb();
    const sessions = new IncidentSessions(db);
    await importIncidentText(sessions, fileOf(remoteIncident('inc-remote', 2).doc));
    const before = await dump(db);

    const impostor = createIncidentDoc('inc-remote');
    declareIncident(impostor, { name: '26-Zulu', severity: 'SEV-1', synopsis: 'Not the same incident' }, testContext('Eve', T0 - MINUTE, 'eve'));
    const refusals = [
      'not json',
      fileOf(remoteIncident().doc).replace('"version": 1', '"version": 7'),
      fileOf(remoteIncident().doc).replace(/"crc32": \d+/, '"crc32": 1'),
      fileOf(impostor),
    ];
    for (const text of refusals) {
      const outcome = await importIncidentText(sessions, text);
      expect(outcome.ok).toBe(false);
    }
    expect((await importIncidentText(sessions, fileOf(impostor))).message).toMatch(/different incident \(26-Zulu\) under the same id as 26-Bravo/);
    expect(await dump(db)).toEqual(before);
  });
});

describe('reading a picked file', () => {
  it('refuses a file over the cap without reading it', async () => {
    const text = vi.fn(async () => '');
    const result = await readIncidentFile({ size: MAX_INCIDENT_FILE_BYTES + 1, text });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/at most 64 MB/) });
    expect(text).not.toHaveBeenCalled();
  });

  it('reads a file within the cap, and reports one that cannot be read', async () => {
    await expect(readIncidentFile({ size: 2, text: async () => '{}' })).resolves.toEqual({ ok: true, text: '{}' });
    await expect(readIncidentFile({ size: 2, text: async () => Promise.reject(new Error('NotReadableError')) })).resolves.toEqual({
      ok: false,
      message: 'The file could not be read: NotReadableError',
    });
  });
});

describe('exporting', () => {
  it('counts what the timeline shows, and the amendments made to it apart, in the numbers it gives', async () => {
    const { doc, ctx } = remoteIncident('inc-amended', 2);
    const [, first, second] = projectIncident(doc).timeline;
    setKeyEntry(doc, { eventId: first!.id, key: true }, ctx);
    strikeEntry(doc, { eventId: second!.id, reason: 'Wrong incident' }, ctx);
    expect((await exportIncident(doc, 'Dana Scully', T0)).tally).toEqual({ entries: 3, amendments: 2 });
    const sessions = new IncidentSessions(freshDb());
    const outcome = await importIncidentText(sessions, fileOf(doc));
    expect(outcome).toMatchObject({ ok: true, events: 3, message: 'Imported 26-Bravo (new, 3 entries, 2 amendments).' });
    expect(tallyPhrase({ entries: 1, amendments: 1 }, 'new ')).toBe('1 new entry, 1 new amendment');
    expect(tallyPhrase({ entries: 1234, amendments: 0 })).toBe('1,234 entries');
  });

  it('produces a decodable file named after the incident', async () => {
    const { doc } = remoteIncident('inc-remote', 4);
    const at = new Date(2026, 2, 14, 10, 0).getTime();
    const file = await exportIncident(doc, 'Dana Scully', at);
    expect(file).toMatchObject({ name: '26-Bravo', tally: { entries: 5, amendments: 0 }, suggestedName: '26-Bravo_2026-03-14_1000.cpinc', mimeType: 'application/json' });
    const decoded = decodeIncidentFile(file.content);
    expect(decoded.ok && decoded.file).toMatchObject({ incidentId: 'inc-remote', events: 5, exportedBy: 'Dana Scully' });
  });

  it('refuses to export an undeclared doc', async () => {
    await expect(exportIncident(createIncidentDoc('x'), 'Dana', T0)).rejects.toThrow(/declared incident/);
  });
});
