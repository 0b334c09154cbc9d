import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { importIncidentText } from '../../../src/renderer/incidents/exchange';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { linkIn, liaisonTitle } from '../../../src/renderer/incidents/links';
import { createIncidentDoc, declareIncident, encodeIncidentFile } from '../../../src/shared/incident';
import { T0, testContext } from '../harness/context';

async function twoIncidents(name: string, commander = 'Dana Scully', umbrellaCommander = commander) {
  const db = openDatabase(name);
  const sessions = new IncidentSessions(db);
  for (const [id, incident] of [
    ['inc-alfa', '26-Alfa'],
    ['inc-echo', '26-Echo'],
  ] as const) {
    const doc = createIncidentDoc(id);
    const ic = id === 'inc-echo' ? umbrellaCommander : commander;
    declareIncident(doc, { name: incident, severity: 'SEV-2', synopsis: 'Checkout fails' }, testContext(ic, T0, id));
    await importIncidentText(sessions, encodeIncidentFile(doc, { exportedAt: T0, exportedBy: ic }));
  }
  return { db, sessions };
}

async function stored(db: ReturnType<typeof openDatabase>, id: string) {
  const handle = new IncidentSessions(db).acquire(id);
  const session = await handle.ready;
  const snapshot = session.projection.snapshot;
  handle.release();
  return snapshot;
}

describe('linking two incidents of this machine', () => {
  it('writes both timelines, gives the incident linked a Liaison to the umbrella, and unlinks both', async () => {
    const { db, sessions } = await twoIncidents('command-post-links');
    await linkIn(sessions, testContext('Dana Scully', T0 + 60_000, 'link'), 'inc-alfa', 'inc-echo', true);
    const alfa = await stored(db, 'inc-alfa');
    const echo = await stored(db, 'inc-echo');
    expect(alfa.header?.umbrella).toEqual({ id: 'inc-echo', name: '26-Echo' });
    expect(echo.header?.children).toEqual([{ id: 'inc-alfa', name: '26-Alfa' }]);
    expect(alfa.timeline.toArray().map((e) => e.text)).toContain('Linked under the umbrella response 26-Echo');
    expect(echo.timeline.toArray().map((e) => e.text)).toContain('26-Alfa linked under this response');
    expect(alfa.org?.roles.map((r) => r.title)).toContain(liaisonTitle('26-Echo'));
    expect((await db.incidents.get('inc-alfa'))?.umbrella).toEqual({ id: 'inc-echo', name: '26-Echo' });

    await linkIn(sessions, testContext('Dana Scully', T0 + 120_000, 'unlink'), 'inc-alfa', 'inc-echo', false);
    expect((await stored(db, 'inc-alfa')).header?.umbrella).toBeUndefined();
    expect((await stored(db, 'inc-echo')).header?.children).toBeUndefined();
    db.close();
  });

  it('writes the side of the incident the person here commands, and the other IC confirms from theirs', async () => {
    const { db, sessions } = await twoIncidents('command-post-links-halves', 'Ravi Patel', 'Dana Scully');
    const first = await linkIn(sessions, testContext('Dana Scully', T0 + 60_000, 'link'), 'inc-alfa', 'inc-echo', true);
    expect(first.written).toEqual(['26-Echo']);
    expect(first.waiting).toEqual([{ incident: '26-Alfa', why: expect.stringMatching(/Only the Incident Commander links/) }]);
    expect((await stored(db, 'inc-echo')).header?.children).toEqual([{ id: 'inc-alfa', name: '26-Alfa' }]);
    expect((await stored(db, 'inc-alfa')).header?.umbrella).toBeUndefined();
    // Alfa's IC confirms: only Alfa's side is left to write.
    const second = await linkIn(sessions, testContext('Ravi Patel', T0 + 120_000, 'confirm'), 'inc-alfa', 'inc-echo', true);
    expect(second).toEqual({ written: ['26-Alfa'], waiting: [] });
    expect((await stored(db, 'inc-alfa')).header?.umbrella).toEqual({ id: 'inc-echo', name: '26-Echo' });
    db.close();
  });

  it('writes neither when the person here commands neither', async () => {
    const { db, sessions } = await twoIncidents('command-post-links-refused', 'Ravi Patel');
    await expect(linkIn(sessions, testContext('Dana Scully', T0 + 60_000, 'link'), 'inc-alfa', 'inc-echo', true)).rejects.toThrow(/Only the Incident Commander links/);
    expect((await stored(db, 'inc-alfa')).timeline.toArray().some((e) => e.kind === 'link')).toBe(false);
    expect((await stored(db, 'inc-echo')).timeline.toArray().some((e) => e.kind === 'link')).toBe(false);
    db.close();
  });
});
