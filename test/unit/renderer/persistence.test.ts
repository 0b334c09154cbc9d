import { LIST_SUMMARY_VERSION } from '../../../src/shared/views/list-summary';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checksum } from '../../../src/renderer/incidents/checksum';
import { encoderHere, type SnapshotEncoder } from '../../../src/renderer/incidents/snapshots';
import { openDatabase, type CommandPostDb, type StoredRecord } from '../../../src/renderer/incidents/db';
import { readEarly } from '../../../src/renderer/incidents/early-read';
import { IncidentPersistence, MAX_DELTAS, REPEAT_MAX_BYTES, VIEW_EVENTS, type LoadProblem, type SaveState } from '../../../src/renderer/incidents/persistence';
import {
  changeSeverity,
  renameIncident,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  editEntry,
  logEvent,
  strikeEntry,
  projectIncident,
} from '../../../src/shared/incident';
import { MINUTE, T0, testContext, type TestContext } from '../harness/context';

let dbCounter = 0;
/** Each test gets a database of its own. */
function freshDb(label: string): CommandPostDb {
  return openDatabase(`command-post-test-${label}-${++dbCounter}`);
}

interface Options {
  compactBytes?: number;
  now?: () => number;
  encoder?: SnapshotEncoder;
}

async function openIncident(db: CommandPostDb, incidentId: string, options: Options = {}) {
  const doc = createIncidentDoc(incidentId);
  const persistence = new IncidentPersistence(db, doc, options);
  const problems = await persistence.load();
  return { doc, persistence, problems };
}

/** A new incident, declared and saved. */
async function declaredIncident(db: CommandPostDb, incidentId = 'inc-a', options: Options = {}, name = '26-Alfa') {
  const opened = await openIncident(db, incidentId, options);
  const ctx = testContext('Dana Scribe', T0, `${incidentId}-ev`);
  declareIncident(opened.doc, { name, severity: 'SEV-3', synopsis: 'Search is slow' }, ctx);
  await opened.persistence.flushed();
  return { ...opened, ctx };
}

const idsOf = (doc: Y.Doc) => projectIncident(doc).timeline.map((e) => e.id);

async function recordsOf(db: CommandPostDb, incidentId: string): Promise<StoredRecord[]> {
  return db.records.where('incidentId').equals(incidentId).sortBy('seq');
}

/** A copy of everything stored, in a database of its own, with the same record numbers. */
async function cloneDb(source: CommandPostDb): Promise<CommandPostDb> {
  const target = freshDb('clone');
  const [records, incidents, backups] = await Promise.all([source.records.toArray(), source.incidents.toArray(), source.backups.toArray()]);
  await target.transaction('rw', [target.records, target.incidents, target.backups], async () => {
    await target.records.bulkPut(records);
    await target.incidents.bulkPut(incidents);
    await target.backups.bulkPut(backups);
  });
  return target;
}

/** Flips bits in the middle of a stored record, leaving its checksum as it was. */
async function corrupt(db: CommandPostDb, seq: number): Promise<void> {
  const row = (await db.records.get(seq))!;
  const bytes = row.bytes.slice();
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0xff;
  await db.records.put({ ...row, bytes });
}

function note(doc: Y.Doc, ctx: TestContext, text: string) {
  ctx.advance(MINUTE);
  // Long enough that a few notes outgrow a small compactBytes.
  return logEvent(doc, { kind: 'note', text: `${text}: ${'status update '.repeat(3)}` }, ctx);
}

describe('saving and loading', () => {
  it('reloads everything that was saved into a fresh doc', async () => {
    const db = freshDb('roundtrip');
    const { doc, persistence, problems, ctx } = await declaredIncident(db);
    expect(problems).toEqual([]);
    note(doc, ctx, 'one');
    logEvent(doc, { kind: 'impact', text: 'Backdated report', at: T0 - 5 * MINUTE }, ctx);
    changeSeverity(doc, { to: 'SEV-1', reason: 'Checkout affected' }, ctx);
    note(doc, ctx, 'two');
    declareEnd(doc, { summary: 'Fixed' }, ctx);
    await persistence.flushed();
    persistence.destroy();

    const reopened = await openIncident(db, 'inc-a');
    expect(reopened.problems).toEqual([]);
    expect(projectIncident(reopened.doc)).toEqual(projectIncident(doc));
    expect(projectIncident(reopened.doc).header).toMatchObject({ name: '26-Alfa', severity: 'SEV-1', state: 'ended' });
    expect(Y.encodeStateVector(reopened.doc)).toEqual(Y.encodeStateVector(doc));
    expect(await db.damaged.count()).toBe(0);
  });

  it('saves changes made while a write is in progress', async () => {
    const db = freshDb('burst');
    const { doc, persistence, ctx } = await declaredIncident(db);
    for (let i = 0; i < 20; i++) {
      note(doc, ctx, `burst ${i}`);
      if (i % 3 === 0) await Promise.resolve();
    }
    await persistence.flushed();
    expect(persistence.saveState.status).toBe('saved');
    const reopened = await openIncident(db, 'inc-a');
    expect(idsOf(reopened.doc)).toEqual(idsOf(doc));
    expect(idsOf(doc)).toHaveLength(21);
  });

  it('does not write back what it loaded', async () => {
    const db = freshDb('no-echo');
    const { doc, persistence, ctx } = await declaredIncident(db);
    note(doc, ctx, 'one');
    await persistence.flushed();
    persistence.destroy();
    const before = await recordsOf(db, 'inc-a');
    const reopened = await openIncident(db, 'inc-a');
    await reopened.persistence.flushed();
    expect(reopened.persistence.saveState.status).toBe('idle');
    expect(await recordsOf(db, 'inc-a')).toEqual(before);
  });

  it('refuses to load twice in one session', async () => {
    const { persistence } = await declaredIncident(freshDb('twice'));
    await expect(persistence.load()).rejects.toThrow(/once/);
  });
});

describe('save state', () => {
  it('goes saving → saved, and says saved only once the write has committed', async () => {
    const db = freshDb('state');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { now: () => T0 + 42 });
    // A second connection sees only what has committed.
    const observer = openDatabase(db.name);
    const seen: string[] = [];
    const committedWhenSaved: Promise<number>[] = [];
    persistence.subscribe((state: SaveState) => {
      seen.push(state.status);
      if (state.status === 'saved') committedWhenSaved.push(observer.records.where('incidentId').equals('inc-a').count());
    });
    const before = await recordsOf(db, 'inc-a');

    note(doc, ctx, 'one');
    // The change shows as being saved at once, before anything is written.
    expect(persistence.saveState).toEqual({ status: 'saving' });
    expect(seen).toEqual(['saving']);
    await persistence.flushed();
    expect(seen).toEqual(['saving', 'saved']);
    expect(persistence.saveState).toEqual({ status: 'saved', at: T0 + 42 });
    expect(committedWhenSaved).toHaveLength(1);
    expect(await committedWhenSaved[0]).toBe(before.length + 1);
    observer.close();
  });

  it('groups the changes of one tick into one write', async () => {
    const db = freshDb('tick');
    const { doc, persistence, ctx } = await declaredIncident(db);
    const seen: string[] = [];
    persistence.subscribe((s) => seen.push(s.status));
    const before = (await recordsOf(db, 'inc-a')).map((r) => r.seq);
    note(doc, ctx, 'a');
    note(doc, ctx, 'b');
    note(doc, ctx, 'c');
    await persistence.flushed();
    expect(seen).toEqual(['saving', 'saved']);
    const added = (await recordsOf(db, 'inc-a')).filter((r) => !before.includes(r.seq));
    expect(added).toHaveLength(1);
  });

  it('says failed, never saved, when the write does not commit', async () => {
    const db = freshDb('fail');
    const { doc, persistence, ctx } = await declaredIncident(db);
    const catalogBefore = await db.incidents.get('inc-a');
    const recordsBefore = await recordsOf(db, 'inc-a');
    const seen: SaveState[] = [];
    persistence.subscribe((s) => seen.push(s));
    const failing = function () {
      throw new Error('The disk is full');
    };
    db.records.hook('creating', failing);
    ctx.advance(MINUTE);
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    await persistence.flushed();
    db.records.hook('creating').unsubscribe(failing);

    expect(seen.map((s) => s.status)).toEqual(['saving', 'failed']);
    expect(persistence.saveState.status).toBe('failed');
    expect((persistence.saveState as { message: string }).message).toMatch(/^Not saved: .*disk is full/);
    // Nothing half-written: neither the record nor the catalog row changed.
    expect(await recordsOf(db, 'inc-a')).toEqual(recordsBefore);
    expect(await db.incidents.get('inc-a')).toEqual(catalogBefore);

    // The next change saves everything, including the change that failed.
    note(doc, ctx, 'after the failure');
    await persistence.flushed();
    expect(persistence.saveState.status).toBe('saved');
    const reopened = await openIncident(db, 'inc-a');
    expect(projectIncident(reopened.doc).header?.severity).toBe('SEV-1');
    expect(idsOf(reopened.doc)).toEqual(idsOf(doc));
  });
});

describe('the catalog row', () => {
  it('reflects name, severity, state, who commands, when the next update is due and when the incident last changed', async () => {
    const db = freshDb('catalog');
    let clock = T0 + 1000;
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { now: () => clock }, '26-Bravo');
    expect(await db.incidents.get('inc-a')).toEqual({
      id: 'inc-a',
      name: '26-Bravo',
      severity: 'SEV-3',
      state: 'active',
      drill: false,
      synopsis: 'Search is slow',
      declaredAt: T0,
      declaredBy: 'Dana Scribe',
      endedAt: null,
      lastChangeAt: T0 + 1000,
      // The list's summary: the declarer commands; SEV-3 updates every 60 minutes.
      commander: 'Dana Scribe',
      // Who holds a role in it, for the warning of one person in two incidents at once.
      assigned: [{ name: 'Dana Scribe', role: 'Incident Commander' }],
      icHandoverTo: null,
      nextUpdateAt: T0 + 60 * MINUTE,
      phase: 'investigating',
      postmortem: { owner: null, dueDate: null, status: null, openActionItems: 0 },
      summaryVersion: LIST_SUMMARY_VERSION,
    });

    clock = T0 + 5 * MINUTE;
    ctx.advance(5 * MINUTE);
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    await persistence.flushed();
    // SEV-1 updates every 20 minutes, still counted from the declaration.
    expect(await db.incidents.get('inc-a')).toMatchObject({ severity: 'SEV-1', state: 'active', lastChangeAt: T0 + 5 * MINUTE, nextUpdateAt: T0 + 20 * MINUTE });

    clock = T0 + 90 * MINUTE;
    ctx.advance(85 * MINUTE);
    const end = declareEnd(doc, {}, ctx);
    await persistence.flushed();
    expect(await db.incidents.get('inc-a')).toMatchObject({
      severity: 'SEV-1',
      state: 'ended',
      endedAt: end.at,
      lastChangeAt: T0 + 90 * MINUTE,
      nextUpdateAt: null,
    });
    expect(await db.incidents.count()).toBe(1);
  });

  it('follows a rename, keeping the names it went by before', async () => {
    const db = freshDb('catalog-rename');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-r', {}, '26-Alfa');
    expect((await db.incidents.get('inc-r'))?.formerNames).toBeUndefined();
    renameIncident(doc, { to: '26-Alfa-2', reason: 'name taken by another incident on this machine' }, ctx);
    await persistence.flushed();
    expect(await db.incidents.get('inc-r')).toMatchObject({ name: '26-Alfa-2', formerNames: ['26-Alfa'], declaredBy: 'Dana Scribe' });
    expect((await db.views.get('inc-r'))?.header).toMatchObject({ name: '26-Alfa-2', formerNames: ['26-Alfa'] });
  });

  it('is not written for a doc with nothing declared', async () => {
    const db = freshDb('catalog-empty');
    const { doc, persistence } = await openIncident(db, 'inc-empty');
    doc.getMap('scratch').set('x', 1);
    await persistence.flushed();
    expect(await db.incidents.count()).toBe(0);
    expect((await recordsOf(db, 'inc-empty')).length).toBeGreaterThan(0);
  });
});

describe('the stored first view', () => {
  it('holds the header and the newest events, written with every change, for both kinds of record', async () => {
    const db = freshDb('view');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes: 2_000 });
    for (let i = 0; i < 60; i++) note(doc, ctx, `note ${i}`);
    await persistence.flushed();
    const view = (await db.views.get('inc-a'))!;
    const snapshot = projectIncident(doc);
    expect(view.header).toEqual(snapshot.header);
    expect(view.total).toBe(61);
    expect(view.latest).toHaveLength(VIEW_EVENTS);
    expect(view.latest.map((e) => e.id)).toEqual(snapshot.timeline.slice(-VIEW_EVENTS).map((e) => e.id));

    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    await persistence.flushed();
    const after = (await db.views.get('inc-a'))!;
    expect(after.header.severity).toBe('SEV-1');
    expect(after.latest.at(-1)?.kind).toBe('severity');
  });

  it('shows entries as amended, never an amendment as an entry of its own', async () => {
    const db = freshDb('view-amended');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a');
    const first = logEvent(doc, { kind: 'note', text: 'Error rate 12%' }, ctx);
    const second = logEvent(doc, { kind: 'note', text: 'Paged the wrong team' }, ctx);
    editEntry(doc, { eventId: first.id, text: 'Error rate 14%' }, ctx);
    strikeEntry(doc, { eventId: second.id, reason: 'Wrong incident' }, ctx);
    await persistence.flushed();
    const view = (await db.views.get('inc-a'))!;
    expect(view.total).toBe(3);
    expect(view.latest.map((e) => e.kind)).toEqual(['declared', 'note', 'note']);
    expect(view.amendments?.get(first.id)?.text).toBe('Error rate 14%');
    expect(view.amendments?.get(second.id)?.struck?.reason).toBe('Wrong incident');
  });
});

describe('what a save writes', () => {
  it('is the change (and the one before it), not the incident: as small at the 300th entry as at the 10th', async () => {
    const db = freshDb('small');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes: 10_000_000 });
    const newestDelta = async () => (await recordsOf(db, 'inc-a')).filter((r) => r.kind === 'delta').at(-1)!;
    const sizes: number[] = [];
    for (let i = 1; i <= 300; i++) {
      note(doc, ctx, `note ${i}`);
      await persistence.flushed();
      if (i === 10 || i === 300) sizes.push((await newestDelta()).bytes.byteLength);
    }
    const [early, late] = sizes as [number, number];
    // Two notes' worth, whatever came before; a cumulative delta would be 30 times bigger by now.
    expect(late).toBeLessThan(early * 1.5);
    expect(late).toBeLessThan(1_000);
    const rows = await recordsOf(db, 'inc-a');
    expect(rows.filter((r) => r.kind === 'snapshot')).toHaveLength(1);
    const reopened = await openIncident(db, 'inc-a');
    expect(reopened.problems).toEqual([]);
    expect(idsOf(reopened.doc)).toEqual(idsOf(doc));
  });

  it('compacts once the deltas reach their count limit, even when small', async () => {
    const db = freshDb('count');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes: 10_000_000 });
    for (let i = 0; i < MAX_DELTAS + 5; i++) {
      note(doc, ctx, `n${i}`);
      await persistence.flushed();
    }
    const rows = await recordsOf(db, 'inc-a');
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows[0]!.kind).toBe('snapshot');
    const reopened = await openIncident(db, 'inc-a');
    expect(idsOf(reopened.doc)).toHaveLength(1 + MAX_DELTAS + 5);
  });

  it('does not repeat a large newest delta in the first save after reopening: that save stays small, and a compaction covers the large one', async () => {
    const db = freshDb('large-newest');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes: 10_000_000 });
    // A paste: two hundred entries in one change, one large delta.
    doc.transact(() => {
      for (let i = 0; i < 200; i++) note(doc, ctx, `pasted line ${i}`);
    });
    await persistence.flushed();
    persistence.destroy();
    const pasted = (await recordsOf(db, 'inc-a')).filter((r) => r.kind === 'delta').at(-1)!;
    expect(pasted.bytes.byteLength).toBeGreaterThan(REPEAT_MAX_BYTES);

    const reopened = await openIncident(db, 'inc-a', { compactBytes: 10_000_000 });
    // Every record written from here on, as it is added (the compaction then deletes the deltas it folds).
    const written: StoredRecord[] = [];
    db.records.hook('creating', (_key, record) => void written.push(record));
    note(reopened.doc, ctx, 'first entry after reopening');
    await reopened.persistence.flushed();
    const rows = await recordsOf(db, 'inc-a');
    const deltas = written.filter((r) => r.kind === 'delta');
    expect(deltas).toHaveLength(1);
    expect(deltas[0]!.bytes.byteLength).toBeLessThan(2_000);
    // The compaction folded the paste into a new snapshot.
    expect(rows.some((r) => r.seq === pasted.seq)).toBe(false);
    expect(rows.filter((r) => r.kind === 'snapshot').at(-1)!.seq).toBeGreaterThan(pasted.seq!);
    const again = await openIncident(db, 'inc-a');
    expect(again.problems).toEqual([]);
    expect(idsOf(again.doc)).toEqual(idsOf(reopened.doc));
    expect(idsOf(again.doc)).toHaveLength(202);
  });

  it('reads deltas stored before they overlapped (each holding everything since its snapshot): a damaged one covered by a later one is recovered', async () => {
    const db = freshDb('legacy');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a');
    persistence.destroy();
    const [snapshot] = await recordsOf(db, 'inc-a');
    const since = Y.encodeStateVector(doc);
    const cumulative = () => {
      const bytes = Y.encodeStateAsUpdate(doc, since);
      return { incidentId: 'inc-a', kind: 'delta' as const, bytes, crc: checksum(bytes), base: snapshot!.seq, savedAt: T0 };
    };
    note(doc, ctx, 'first');
    const older = (await db.records.add(cumulative())) as number;
    note(doc, ctx, 'second');
    await db.records.add(cumulative());
    await corrupt(db, older);
    const reloaded = await openIncident(db, 'inc-a');
    expect(reloaded.problems).toHaveLength(1);
    expect(reloaded.problems[0]!.recovered).toBe(true);
    expect(idsOf(reloaded.doc)).toEqual(idsOf(doc));
  });
});

describe('compaction', () => {
  it('holds no save up: a change made while the snapshot is being stored is saved at once, and kept', async () => {
    const db = freshDb('beside');
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stores = 0;
    // The declaration's snapshot is stored at once; the compaction's waits until released.
    const slow: SnapshotEncoder = {
      take: () => undefined,
      store: async (doc, target, savedAt) => {
        if (++stores > 1) await gate;
        return encoderHere.store(doc, target, savedAt);
      },
      dispose: () => undefined,
    };
    const opened = await openIncident(db, 'inc-a', { compactBytes: 4_000, encoder: slow });
    const ctx = testContext('Dana Scribe', T0, 'inc-a-ev');
    declareIncident(opened.doc, { name: '26-Alfa', severity: 'SEV-3', synopsis: 'Search is slow' }, ctx);
    await opened.persistence.flushed();
    const states: SaveState[] = [];
    opened.persistence.subscribe((state) => states.push(state));
    const saves = () => states.filter((state) => state.status === 'saved').length;
    const savedAgain = async (count: number) => {
      while (saves() <= count) await new Promise((resolve) => setTimeout(resolve, 1));
    };
    for (let i = 0; i < 40 && stores < 2; i++) {
      const count = saves();
      note(opened.doc, ctx, `before ${i}`);
      await savedAgain(count);
    }
    expect(stores, 'the deltas crossed the threshold and a compaction began').toBe(2);
    const count = saves();
    note(opened.doc, ctx, 'while compacting');
    await savedAgain(count);
    const during = await recordsOf(db, 'inc-a');
    expect(during.at(-1)!.kind, 'saved as a delta while the snapshot waits').toBe('delta');

    release();
    await opened.persistence.flushed();
    const after = await recordsOf(db, 'inc-a');
    expect(after.filter((r) => r.kind === 'snapshot')).toHaveLength(1);
    expect(after.map((r) => r.seq), 'the delta written during compaction is kept').toContain(during.at(-1)!.seq);
    expect(states.some((s) => s.status === 'failed')).toBe(false);
    const reopened = await openIncident(db, 'inc-a');
    expect(reopened.problems).toEqual([]);
    expect(idsOf(reopened.doc)).toEqual(idsOf(opened.doc));
  });

  it('keeps the number of records bounded, and a reload still has everything', async () => {
    const db = freshDb('compact');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes: 600 });
    let most = 0;
    const snapshots = new Set<number>();
    for (let i = 0; i < 60; i++) {
      note(doc, ctx, `note ${i}`);
      if (i % 7 === 3) changeSeverity(doc, { to: i % 2 ? 'SEV-2' : 'SEV-4' }, ctx);
      await persistence.flushed();
      const rows = await recordsOf(db, 'inc-a');
      most = Math.max(most, rows.length);
      for (const r of rows) if (r.kind === 'snapshot') snapshots.add(r.seq!);
    }
    expect(snapshots.size, 'compaction happened several times').toBeGreaterThan(4);
    expect(most).toBeLessThanOrEqual(5);

    const reopened = await openIncident(db, 'inc-a', { compactBytes: 600 });
    expect(reopened.problems).toEqual([]);
    expect(projectIncident(reopened.doc)).toEqual(projectIncident(doc));

    // A later session goes on compacting what the first one stored.
    snapshots.clear();
    const ctx2 = testContext('Sam Ops', ctx.time, 'sam');
    for (let i = 0; i < 20; i++) {
      note(reopened.doc, ctx2, `later ${i}`);
      await reopened.persistence.flushed();
      const rows = await recordsOf(db, 'inc-a');
      most = Math.max(most, rows.length);
      for (const r of rows) if (r.kind === 'snapshot') snapshots.add(r.seq!);
    }
    expect(snapshots.size, 'the second session compacted too').toBeGreaterThan(2);
    expect(most).toBeLessThanOrEqual(5);
    const third = await openIncident(db, 'inc-a');
    expect(third.problems).toEqual([]);
    expect(idsOf(third.doc)).toEqual(idsOf(reopened.doc));
    expect(idsOf(third.doc)).toHaveLength(1 + 60 + 9 + 20);
  });
});

describe('a damaged record', () => {
  /**
   * Builds an incident one change at a time with a small compactBytes, so
   * that it passes through every arrangement of records: the first
   * generation, a compaction, deltas on a snapshot. After every change it
   * damages each stored record in turn (in a copy of the database) and
   * reloads.
   */
  it.each([
    ['compacted every change or two', 500],
    ['with many deltas on a snapshot', 6_000],
  ])('loses nothing, whichever single record it is, except the newest change when the newest delta is damaged (%s)', async (_, compactBytes) => {
    const db = freshDb('matrix');
    const { doc, persistence, ctx } = await declaredIncident(db, 'inc-a', { compactBytes });
    let previousIds = idsOf(doc);
    let cases = 0;
    let unrecoverable = 0;
    const snapshotsSeen = new Set<number>();
    // Step -1 is the state right after the declaration was saved.
    for (let step = -1; step < 22; step++) {
      if (step === 9) changeSeverity(doc, { to: 'SEV-1' }, ctx);
      else if (step >= 0) note(doc, ctx, `step ${step}`);
      await persistence.flushed();
      const ids = idsOf(doc);
      const rows = await recordsOf(db, 'inc-a');
      for (const r of rows) if (r.kind === 'snapshot') snapshotsSeen.add(r.seq!);
      const newest = rows.at(-1)!;
      for (const row of rows) {
        const where = `step ${step}, ${row.kind} ${row.seq} of [${rows.map((r) => `${r.kind[0]}${r.seq}`).join(' ')}]`;
        const copy = await cloneDb(db);
        await corrupt(copy, row.seq!);
        const reloaded = await openIncident(copy, 'inc-a');
        cases++;

        expect(reloaded.problems, where).toHaveLength(1);
        const problem = reloaded.problems[0]!;
        expect(problem.incidentId, where).toBe('inc-a');
        const damaged = await copy.damaged.toArray();
        expect(damaged, where).toHaveLength(1);
        expect(damaged[0], where).toMatchObject({ incidentId: 'inc-a', reason: 'checksum mismatch', record: { seq: row.seq } });
        expect(await copy.records.get(row.seq!), where).toBeUndefined();

        if (row === newest && row.kind === 'delta') {
          unrecoverable++;
          expect(problem.recovered, where).toBe(false);
          expect(problem.message, where).toMatch(/may be missing/);
          expect(idsOf(reloaded.doc), where).toEqual(previousIds);
        } else {
          expect(problem.recovered, where).toBe(true);
          expect(problem.message, where).toMatch(/nothing is missing/);
          expect(idsOf(reloaded.doc), where).toEqual(ids);
          expect(projectIncident(reloaded.doc), where).toEqual(projectIncident(doc));
        }
        expect(problem.message, where).toContain('26-Alfa');

        // What was recovered is saved again, and the next load is clean.
        await reloaded.persistence.flushed();
        reloaded.persistence.destroy();
        const again = await openIncident(copy, 'inc-a');
        expect(again.problems, where).toEqual([]);
        expect(idsOf(again.doc), where).toEqual(idsOf(reloaded.doc));
        copy.close();
      }
      previousIds = ids;
    }
    expect(snapshotsSeen.size, 'the records went through several compactions').toBeGreaterThan(compactBytes > 1_000 ? 1 : 3);
    expect(cases).toBeGreaterThan(40);
    expect(unrecoverable).toBeGreaterThan(5);
  });

  it('says what may be missing when a snapshot and its backup copy are both damaged', async () => {
    const db = freshDb('snapshot-and-backup');
    const { doc, persistence, ctx } = await declaredIncident(db);
    note(doc, ctx, 'one');
    await persistence.flushed();
    const snapshot = (await recordsOf(db, 'inc-a')).find((r) => r.kind === 'snapshot')!;
    await corrupt(db, snapshot.seq!);
    const backup = (await db.backups.get(snapshot.seq!))!;
    await db.backups.put({ ...backup, bytes: backup.bytes.slice(0, 3) });

    const reloaded = await openIncident(db, 'inc-a');
    expect(reloaded.problems.some((p) => !p.recovered && /may be missing/.test(p.message))).toBe(true);
    // The damaged snapshot is kept aside, never deleted.
    expect(await db.damaged.where('incidentId').equals('inc-a').count()).toBe(1);
  });

  it('reads the backup copy only when the snapshot is damaged', async () => {
    const db = freshDb('backup-unused');
    const { doc, persistence, ctx } = await declaredIncident(db);
    note(doc, ctx, 'one');
    await persistence.flushed();
    const snapshot = (await recordsOf(db, 'inc-a')).find((r) => r.kind === 'snapshot')!;
    // A damaged backup of an intact snapshot changes nothing and is not reported.
    const backup = (await db.backups.get(snapshot.seq!))!;
    await db.backups.put({ ...backup, bytes: new Uint8Array([1, 2, 3]) });
    const reloaded = await openIncident(db, 'inc-a');
    expect(reloaded.problems).toEqual([]);
    expect(idsOf(reloaded.doc)).toEqual(idsOf(doc));
  });

  it('whose bytes are not binary data is set aside and reported', async () => {
    const db = freshDb('not-binary');
    const { doc, persistence, ctx } = await declaredIncident(db);
    note(doc, ctx, 'one');
    note(doc, ctx, 'two');
    await persistence.flushed();
    note(doc, ctx, 'three');
    await persistence.flushed();
    const rows = await recordsOf(db, 'inc-a');
    const victim = rows.find((r) => r.kind === 'delta' && r !== rows.at(-1))!;
    // Keeps its checksum; only the type is wrong (say, written by a buggy version as a plain array).
    await db.records.put({ ...victim, bytes: Array.from(victim.bytes) as unknown as Uint8Array });

    const reloaded = await openIncident(db, 'inc-a');
    expect(reloaded.problems).toHaveLength(1);
    expect(reloaded.problems[0]!.recovered).toBe(true);
    const damaged = await db.damaged.toArray();
    expect(damaged).toMatchObject([{ incidentId: 'inc-a', reason: 'not binary data', record: { seq: victim.seq } }]);
    expect(Array.isArray((damaged[0]!.record as StoredRecord).bytes)).toBe(true);
    expect(idsOf(reloaded.doc)).toEqual(idsOf(doc));
  });

  it('that Yjs cannot read, despite a matching checksum, is set aside and reported', async () => {
    const db = freshDb('unreadable');
    const { doc, persistence, ctx } = await declaredIncident(db);
    note(doc, ctx, 'one');
    await persistence.flushed();
    note(doc, ctx, 'two');
    await persistence.flushed();
    const rows = await recordsOf(db, 'inc-a');
    const victim = rows.find((r) => r.kind === 'delta')!;
    const truncated = victim.bytes.slice(0, Math.floor(victim.bytes.length / 2));
    await db.records.put({ ...victim, bytes: truncated, crc: checksum(truncated) });

    const reloaded = await openIncident(db, 'inc-a');
    expect(reloaded.problems).toHaveLength(1);
    expect(reloaded.problems[0]!.recovered).toBe(true);
    const damaged = await db.damaged.toArray();
    expect(damaged).toHaveLength(1);
    expect(damaged[0]!.reason).toMatch(/^unreadable update/);
    expect(idsOf(reloaded.doc)).toEqual(idsOf(doc));
  });

  it('leaves the other incidents in the same database alone', async () => {
    const db = freshDb('neighbours');
    const a = await declaredIncident(db, 'inc-a', {}, '26-Alfa');
    const b = await declaredIncident(db, 'inc-b', {}, '26-Bravo');
    for (let i = 0; i < 3; i++) {
      note(a.doc, a.ctx, `a ${i}`);
      note(b.doc, b.ctx, `b ${i}`);
      await Promise.all([a.persistence.flushed(), b.persistence.flushed()]);
    }
    const bRecords = await recordsOf(db, 'inc-b');
    for (const row of await recordsOf(db, 'inc-a')) await corrupt(db, row.seq!);

    const reloadedB = await openIncident(db, 'inc-b');
    expect(reloadedB.problems).toEqual([]);
    expect(idsOf(reloadedB.doc)).toEqual(idsOf(b.doc));
    expect(await recordsOf(db, 'inc-b')).toEqual(bRecords);

    const reloadedA = await openIncident(db, 'inc-a');
    expect(reloadedA.problems.length).toBeGreaterThan(0);
    expect(reloadedA.problems.every((p: LoadProblem) => p.incidentId === 'inc-a')).toBe(true);
    expect(reloadedA.problems.some((p) => !p.recovered)).toBe(true);
    const damaged = await db.damaged.toArray();
    expect(damaged.length).toBeGreaterThan(0);
    expect(damaged.every((d) => d.incidentId === 'inc-a')).toBe(true);
    expect(await recordsOf(db, 'inc-b')).toEqual(bRecords);
    expect(await db.incidents.get('inc-b')).toMatchObject({ name: '26-Bravo', state: 'active' });
  });
});

describe('opening with what start-up read (early-read.ts)', () => {
  async function openAtStartup(db: CommandPostDb, incidentId: string, applyAtOnceEvents?: number) {
    const early = await readEarly(db, incidentId, applyAtOnceEvents);
    const doc = early.applied?.doc ?? createIncidentDoc(incidentId);
    const persistence = new IncidentPersistence(db, doc);
    const problems = await persistence.load(undefined, early);
    return { early, doc, persistence, problems };
  }

  async function savedIncident(db: CommandPostDb) {
    const { doc, persistence, ctx } = await declaredIncident(db);
    for (let i = 0; i < 5; i++) {
      note(doc, ctx, `note ${i}`);
      await persistence.flushed();
    }
    persistence.destroy();
    return { doc, ctx };
  }

  it('applies a small intact incident at once: the same incident, nothing written back, and what is logged next is saved', async () => {
    const db = freshDb('early-small');
    const { doc, ctx } = await savedIncident(db);
    const before = await recordsOf(db, 'inc-a');
    const opened = await openAtStartup(db, 'inc-a');
    expect(opened.early.applied?.doc).toBe(opened.doc);
    // Nothing to paint before it: the whole incident is there.
    expect(opened.early.view).toBeUndefined();
    expect(opened.problems).toEqual([]);
    expect(projectIncident(opened.doc)).toEqual(projectIncident(doc));
    await opened.persistence.flushed();
    expect(await recordsOf(db, 'inc-a')).toEqual(before);

    note(opened.doc, ctx, 'after reopening');
    await opened.persistence.flushed();
    expect(opened.persistence.saveState.status).toBe('saved');
    opened.persistence.destroy();
    const again = await openIncident(db, 'inc-a');
    expect(idsOf(again.doc)).toEqual(idsOf(opened.doc));
    expect(idsOf(again.doc)).toHaveLength(7);
  });

  it('only reads one too large to apply at once; opening applies it, the same incident', async () => {
    const db = freshDb('early-large');
    const { doc } = await savedIncident(db);
    const opened = await openAtStartup(db, 'inc-a', 3);
    expect(opened.early.applied).toBeNull();
    expect(opened.early.view?.total).toBe(6);
    expect((await opened.early.rows).length).toBeGreaterThan(0);
    expect(opened.problems).toEqual([]);
    expect(projectIncident(opened.doc)).toEqual(projectIncident(doc));
  });

  it.each([
    ['fails its checksum', (row: StoredRecord) => ({ ...row, bytes: flipped(row.bytes) }), 'checksum mismatch'],
    ['Yjs cannot read', (row: StoredRecord) => truncatedRecord(row), 'unreadable update'],
  ])('sets aside and reports a record that %s, as opening does, and loses nothing another copy holds', async (_, damage, reason) => {
    const db = freshDb('early-damaged');
    const { doc } = await savedIncident(db);
    const rows = await recordsOf(db, 'inc-a');
    const victim = rows.filter((r) => r.kind === 'delta').at(-2)!;
    await db.records.put(damage(victim));
    const opened = await openAtStartup(db, 'inc-a');
    expect(opened.early.applied).toBeNull();
    // Its stored first view is painted meanwhile, as for any incident not applied at once.
    expect(opened.early.view?.total).toBe(6);
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]!.recovered).toBe(true);
    const damaged = await db.damaged.toArray();
    expect(damaged).toHaveLength(1);
    expect(damaged[0]!.reason.startsWith(reason)).toBe(true);
    expect(idsOf(opened.doc)).toEqual(idsOf(doc));
  });
});

function flipped(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const at = Math.floor(copy.length / 2);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}

function truncatedRecord(row: StoredRecord): StoredRecord {
  const bytes = row.bytes.slice(0, Math.floor(row.bytes.length / 2));
  return { ...row, bytes, crc: checksum(bytes) };
}
