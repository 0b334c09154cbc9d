import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { importIncidentText } from '../../../src/renderer/incidents/exchange';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { refreshStaleSummaries } from '../../../src/renderer/incidents/catalog-refresh';
import { createIncidentDoc, declareEnd, declareIncident, encodeIncidentFile, setStatusPhase } from '../../../src/shared/incident';
import { assignPostmortemOwner } from '../../../src/shared/incident/postmortem-commands';
import { LIST_SUMMARY_VERSION } from '../../../src/shared/views/list-summary';
import { MINUTE, T0, testContext } from '../harness/context';

describe('bringing catalog rows written by an older Command Post up to date', () => {
  it('fills in the phase and postmortem of rows without them, keeping when each last changed, and leaves current rows alone', async () => {
    const db = openDatabase('command-post-catalog-refresh');
    const sessions = new IncidentSessions(db);
    for (const [id, name] of [
      ['inc-old', '26-Alfa'],
      ['inc-new', '26-Bravo'],
    ] as const) {
      const doc = createIncidentDoc(id);
      const ctx = testContext('Dana Scully', T0, id);
      declareIncident(doc, { name, severity: 'SEV-2', synopsis: 'Checkout fails' }, ctx);
      setStatusPhase(doc, 'monitoring', ctx);
      ctx.advance(30 * MINUTE);
      declareEnd(doc, { summary: 'Rolled back' }, ctx);
      assignPostmortemOwner(doc, { owner: 'Bo', dueDate: '2026-12-10' }, ctx);
      await importIncidentText(sessions, encodeIncidentFile(doc, { exportedAt: T0 + 40 * MINUTE, exportedBy: 'Dana Scully' }));
    }
    // What a row looked like before the list had phases and postmortems.
    const current = (await db.incidents.get('inc-old'))!;
    const { summaryVersion: _v, phase: _p, postmortem: _pm, ...older } = current;
    await db.incidents.put({ ...older, lastChangeAt: T0 + 50 * MINUTE });
    const untouched = await db.incidents.get('inc-new');

    const refreshed = await refreshStaleSummaries(db, sessions, () => Promise.resolve());

    expect(refreshed).toBe(1);
    expect(await db.incidents.get('inc-old')).toMatchObject({
      summaryVersion: LIST_SUMMARY_VERSION,
      phase: 'monitoring',
      postmortem: { owner: 'Bo', dueDate: '2026-12-10', status: null, openActionItems: 0 },
      lastChangeAt: T0 + 50 * MINUTE,
    });
    expect(await db.incidents.get('inc-new')).toEqual(untouched);
    db.close();
  });
});
