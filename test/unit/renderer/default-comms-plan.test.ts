import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type CommsPlanSetting, type MachineSetting } from '../../../src/renderer/incidents/db';
import { forgetDefaultCommsPlan, readDefaultCommsPlan, storeDefaultCommsPlan } from '../../../src/renderer/incidents/default-comms-plan';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { projectionOf, saveCommsChannel } from '../../../src/shared/incident';
import { declaredIncident } from '../harness/incident';
import { T0, testContext } from '../harness/context';

let counter = 0;
const freshDb = () => openDatabase(`command-post-comms-default-${++counter}`);

/** Declares an incident through the sessions, as the Declare dialog does, and returns its plan once stored. */
async function declareOn(db: ReturnType<typeof openDatabase>) {
  const reports: string[] = [];
  const sessions = new IncidentSessions(db, { report: (m) => reports.push(m), machine: async () => 'test' });
  const id = await sessions.declare({ name: '26-Delta', severity: 'SEV-2', synopsis: 'Login slow' }, testContext('Ada', T0, 'd'));
  const handle = sessions.acquire(id);
  const session = await handle.ready;
  const plan = projectionOf(session.doc).snapshot.comms;
  handle.release();
  return { plan, reports };
}

describe("this machine's default communications plan", () => {
  it('is saved from an incident’s plan and applied, in its order, to the next incident declared here', async () => {
    const db = freshDb();
    const { doc, ctx } = declaredIncident('Ada');
    saveCommsChannel(doc, { kind: 'chat', name: 'Slack #incidents', reachable: 'everyone' }, ctx);
    saveCommsChannel(doc, { kind: 'bridge', name: 'Ops bridge', address: '+1 555 0100' }, ctx);
    await storeDefaultCommsPlan(db, projectionOf(doc).snapshot.comms.channels, 'Ada', T0);
    expect(await readDefaultCommsPlan(db)).toMatchObject({ ok: true, savedBy: 'Ada', channels: [{ name: 'Slack #incidents' }, { name: 'Ops bridge' }] });

    const { plan, reports } = await declareOn(db);
    expect(plan.channels.map((c) => [c.name, c.address, c.reachable])).toEqual([
      ['Slack #incidents', '', 'everyone'],
      ['Ops bridge', '+1 555 0100', ''],
    ]);
    expect(plan.editedBy).toBe('Ada');
    expect(reports).toEqual([]);

    await forgetDefaultCommsPlan(db);
    expect(await readDefaultCommsPlan(db)).toBeNull();
    expect((await declareOn(db)).plan.channels).toEqual([]);
  });

  it('is reported and left out when the stored row is damaged; the declaration stands', async () => {
    const db = freshDb();
    const damaged: CommsPlanSetting = { key: 'comms-plan', channels: [{ kind: 'pigeon', name: 'Coop' }], savedAt: 1, savedBy: 'x' };
    await db.settings.put(damaged as MachineSetting & CommsPlanSetting);
    expect(await readDefaultCommsPlan(db)).toMatchObject({ ok: false, problem: expect.stringContaining('cannot be used') });
    const { plan, reports } = await declareOn(db);
    expect(plan.channels).toEqual([]);
    expect(reports).toEqual([expect.stringContaining("default communications plan cannot be used")]);
  });
});
