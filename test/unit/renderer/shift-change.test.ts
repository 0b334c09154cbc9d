import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { acceptShiftHandover, draftShift, handoversOfferedTo, offerShift } from '../../../src/renderer/incidents/shift-change';
import { checkIn, declareEnd, type CommandContext } from '../../../src/shared/incident';
import { T0, testContext } from '../harness/context';

let counter = 0;

/** A machine's database and sessions with two incidents Dana Scully commands, and one she has ended. */
async function shift() {
  const db = openDatabase(`command-post-shift-${++counter}`);
  const sessions = new IncidentSessions(db);
  const dana = testContext('Dana Scully', T0, 'dana');
  const bravo = await sessions.declare({ name: '26-Bravo', severity: 'SEV-1', synopsis: 'Checkout fails' }, dana);
  const charlie = await sessions.declare({ name: '26-Charlie', severity: 'SEV-3', synopsis: 'Slow search' }, dana);
  const delta = await sessions.declare({ name: '26-Delta', severity: 'SEV-2', synopsis: 'Mail delayed' }, dana);
  await write(sessions, delta, (doc) => declareEnd(doc, { summary: 'Queue drained' }, dana));
  return { db, sessions, dana, bravo, charlie, delta };
}

async function write(sessions: IncidentSessions, id: string, change: (doc: Parameters<typeof declareEnd>[0]) => unknown) {
  const handle = sessions.acquire(id);
  const session = await handle.ready;
  change(session.doc);
  await session.sealer?.settled();
  await session.persistence.flushed();
  handle.release();
}

async function timelineOf(sessions: IncidentSessions, id: string): Promise<string[]> {
  const handle = sessions.acquire(id);
  const session = await handle.ready;
  const texts = session.projection.snapshot.timeline.map((e) => e.text);
  handle.release();
  return texts;
}

const people = { me: 'Dana Scully', incoming: 'Rae Stone' };

describe('a shift change through real sessions', () => {
  it('drafts a briefing per incident, offers each, and the incoming IC takes command of each; the catalog follows', async () => {
    const { db, sessions, dana, bravo, charlie, delta } = await shift();

    const drafts = await draftShift(sessions, [bravo, charlie, delta], people, T0 + 60_000);
    expect(drafts.map((d) => d.plan)).toMatchObject([
      { ok: true, name: '26-Bravo', checkIn: 'new' },
      { ok: true, name: '26-Charlie', checkIn: 'new' },
      { ok: false, name: '26-Delta', reason: '26-Delta has ended: there is no command to hand over.' },
    ]);
    expect(drafts[0]!.briefing).toMatch(/^Briefing for Rae Stone, taking over as Incident Commander\.[\s\S]*26-Bravo, SEV-1/);
    expect(drafts[1]!.line).toMatchObject({ severity: 'SEV-3', phase: 'investigating' });

    const outcomes = await offerShift(
      sessions,
      [
        { incidentId: bravo, briefing: 'Bravo: failover half done, ask Bo.' },
        { incidentId: charlie, briefing: 'Charlie: waiting on the vendor.' },
      ],
      people,
      dana,
    );
    expect(outcomes).toEqual([
      { ok: true, incidentId: bravo, name: '26-Bravo', checkedIn: true },
      { ok: true, incidentId: charlie, name: '26-Charlie', checkedIn: true },
    ]);
    expect(await timelineOf(sessions, bravo)).toEqual(
      expect.arrayContaining(['Rae Stone checked in.', 'Dana Scully is handing Incident Commander to Rae Stone; briefing given, waiting for acknowledgement.']),
    );
    expect(await db.incidents.get(charlie)).toMatchObject({ commander: 'Dana Scully', icHandoverTo: 'Rae Stone' });

    // Rae, at the same keyboard after changing the name in Settings.
    const rae: CommandContext = testContext('Rae Stone', T0 + 10 * 60_000, 'rae');
    const waiting = await handoversOfferedTo(sessions, [bravo, charlie, delta], 'Rae Stone');
    expect(waiting.map((w) => [w.name, w.fromName, w.handover.briefing])).toEqual([
      ['26-Bravo', 'Dana Scully', 'Bravo: failover half done, ask Bo.'],
      ['26-Charlie', 'Dana Scully', 'Charlie: waiting on the vendor.'],
    ]);
    for (const w of waiting) {
      expect(await acceptShiftHandover(sessions, w.incidentId, w.handover.id, rae)).toEqual({ ok: true, announcement: 'Everyone, Rae Stone is now the Incident Commander.' });
    }
    expect(await timelineOf(sessions, charlie)).toContain('Handover: Rae Stone is now the Incident Commander, taking over from Dana Scully.');
    expect(await db.incidents.get(bravo)).toMatchObject({ commander: 'Rae Stone', icHandoverTo: null });
    expect(await db.incidents.get(charlie)).toMatchObject({ commander: 'Rae Stone', icHandoverTo: null });
    expect(await handoversOfferedTo(sessions, [bravo, charlie], 'Rae Stone')).toEqual([]);
    // Acknowledged twice (another window, a double press): refused with the reason, nothing changes.
    expect(await acceptShiftHandover(sessions, bravo, waiting[0]!.handover.id, rae)).toEqual({ ok: false, reason: 'That handover was already accepted.' });
  });

  it('lists each incident that could not be handed over with the reason, and hands over the others', async () => {
    const { sessions, dana, bravo, charlie } = await shift();
    // Meanwhile, on another machine, command of Charlie went to Bo.
    await offerShift(sessions, [{ incidentId: charlie, briefing: 'Yours, Bo.' }], { ...people, incoming: 'Bo Tanaka' }, dana);
    const outcomes = await offerShift(
      sessions,
      [
        { incidentId: bravo, briefing: 'Bravo briefing' },
        { incidentId: charlie, briefing: 'Charlie briefing' },
        { incidentId: 'not-here', briefing: 'Nothing' },
      ],
      people,
      dana,
    );
    expect(outcomes).toMatchObject([
      { ok: true, name: '26-Bravo' },
      { ok: false, name: '26-Charlie', reason: 'A handover of command to Bo Tanaka is already waiting; cancel it on the org chart first.' },
      { ok: false, reason: 'It is not on this machine any more.' },
    ]);
    // Nothing of the refused offer reached Charlie's timeline.
    expect((await timelineOf(sessions, charlie)).filter((t) => t.includes('Rae Stone'))).toEqual([]);
  });

  it('refuses an empty briefing before checking anyone in, and says so', async () => {
    const { sessions, dana, bravo } = await shift();
    const [outcome] = await offerShift(sessions, [{ incidentId: bravo, briefing: '   ' }], people, dana);
    expect(outcome).toEqual({
      ok: false,
      incidentId: bravo,
      name: '26-Bravo',
      reason: 'A handover needs a briefing: situation, objectives, actions, organization, resources.',
    });
    expect(await timelineOf(sessions, bravo)).not.toContain('Rae Stone checked in.');
    const [again] = await offerShift(sessions, [{ incidentId: bravo, briefing: 'Now with a briefing.' }], people, dana);
    expect(again).toMatchObject({ ok: true, checkedIn: true });
    expect((await timelineOf(sessions, bravo)).filter((t) => t === 'Rae Stone checked in.')).toHaveLength(1);
  });

  it('offers command to the incoming IC already on duty without checking them in again', async () => {
    const { sessions, dana, bravo } = await shift();
    await write(sessions, bravo, (doc) => checkIn(doc, { name: 'Rae Stone', skills: 'IC rota' }, dana));
    const [outcome] = await offerShift(sessions, [{ incidentId: bravo, briefing: 'Yours.' }], { ...people, incoming: 'rae stone' }, dana);
    expect(outcome).toMatchObject({ ok: true, checkedIn: false });
    expect((await timelineOf(sessions, bravo)).filter((t) => t.startsWith('Rae Stone checked in'))).toHaveLength(1);
  });
});
