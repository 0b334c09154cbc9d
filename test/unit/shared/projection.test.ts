import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  EMPTY_STATUS_DOC,
  EMPTY_COMMS_PLAN,
  EMPTY_POSTMORTEM_DOC,
  SCHEMA_VERSION,
  changeSeverity,
  compareEvents,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  logEvent,
  metaOf,
  projectIncident,
  projectionOf,
  timelineOf,
  CommandError,
  type IncidentSnapshot,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { SEVERITIES } from '../../../src/shared/ics/severity';
import { HOUR, MINUTE, T0, testContext } from '../harness/context';
import { Rng } from '../harness/random';

function declaredDoc(guid = 'incident-1') {
  const doc = createIncidentDoc(guid);
  const ctx = testContext();
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-3', synopsis: 'Login errors' }, ctx);
  return { doc, ctx };
}

/** A second replica of `doc` that receives everything `doc` has. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const peer = createIncidentDoc(doc.guid);
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer;
}

/** Sends what `from` has and `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

function expectDeepFrozen(snapshot: IncidentSnapshot): void {
  expect(Object.isFrozen(snapshot)).toBe(true);
  expect(Object.isFrozen(snapshot.timeline.toArray())).toBe(true);
  if (snapshot.header) expect(Object.isFrozen(snapshot.header)).toBe(true);
  for (const event of snapshot.timeline) expect(Object.isFrozen(event)).toBe(true);
}

const event = (over: Partial<TimelineEvent> & Record<string, unknown>): TimelineEvent =>
  ({ id: 'x', kind: 'note', at: T0, loggedAt: T0, author: 'Mallory', text: 'hi', ...over }) as TimelineEvent;

describe('the snapshot', () => {
  it('is empty for a doc with no declaration', () => {
    const doc = createIncidentDoc('empty');
    expect(projectIncident(doc)).toEqual({
      incidentId: 'empty',
      compatibility: 'ok',
      header: null,
      timeline: [],
      amendmentCount: 0,
      amendments: new Map(),
      malformedEntries: 0,
      withheld: [],
      org: null,
      plan: null,
      checklist: new Map(),
      status: EMPTY_STATUS_DOC,
      postmortem: EMPTY_POSTMORTEM_DOC,
      comms: EMPTY_COMMS_PLAN,
      refusedRenames: new Map(),
    });
  });

  it('holds the header and every event, oldest first', () => {
    const { doc, ctx } = declaredDoc();
    ctx.advance(MINUTE);
    const note = logEvent(doc, { kind: 'note', text: 'Error rate 12%' }, ctx);
    ctx.advance(MINUTE);
    const up = changeSeverity(doc, { to: 'SEV-1' }, ctx);
    ctx.advance(MINUTE);
    const end = declareEnd(doc, {}, ctx);

    const snapshot = projectIncident(doc);
    expect(snapshot.incidentId).toBe('incident-1');
    expect(snapshot.compatibility).toBe('ok');
    expect(snapshot.malformedEntries).toBe(0);
    expect(snapshot.timeline.map((e) => e.id)).toEqual(['ev-0001', note.id, up.id, end.id]);
    expect(snapshot.header).toEqual({
      id: 'incident-1',
      name: '26-Bravo',
      synopsis: 'Login errors',
      drill: false,
      declaredAt: T0,
      declaredBy: 'Dana Scribe',
      severity: 'SEV-1',
      state: 'ended',
      endedAt: T0 + 3 * MINUTE,
      endedBy: 'Dana Scribe',
    });
    // The live projection agrees with the one built from scratch.
    expect(projectionOf(doc).snapshot).toEqual(snapshot);
  });

  it('reports a doc written by a newer version without losing its contents', () => {
    const { doc } = declaredDoc();
    const live = projectionOf(doc);
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(live.snapshot.compatibility).toBe('newer');
    expect(live.snapshot.header?.name).toBe('26-Bravo');
    expect(projectIncident(doc).compatibility).toBe('newer');
  });

  it('notifies subscribers of each new snapshot until they unsubscribe', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    expect(projectionOf(doc)).toBe(live);
    const seen: IncidentSnapshot[] = [];
    const unsubscribe = live.subscribe((s) => seen.push(s));
    logEvent(doc, { kind: 'note', text: 'one' }, ctx);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(live.snapshot);
    unsubscribe();
    logEvent(doc, { kind: 'note', text: 'two' }, ctx);
    expect(seen).toHaveLength(1);
    expect(live.snapshot.timeline).toHaveLength(3);
  });

  it('from projectIncident() does not follow later changes', () => {
    const { doc, ctx } = declaredDoc();
    const before = projectIncident(doc);
    logEvent(doc, { kind: 'note', text: 'later' }, ctx);
    expect(before.timeline).toHaveLength(1);
  });
});

describe('immutability', () => {
  it('freezes the snapshot, its timeline, its header and every event', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    expectDeepFrozen(live.snapshot);
    logEvent(doc, { kind: 'note', text: 'appended' }, ctx);
    expectDeepFrozen(live.snapshot);
    logEvent(doc, { kind: 'note', text: 'backdated', at: T0 - HOUR }, ctx);
    expectDeepFrozen(live.snapshot);
    expectDeepFrozen(projectIncident(doc));
    const snapshot = live.snapshot;
    expect(() => (snapshot.timeline.toArray() as TimelineEvent[]).push(snapshot.timeline.at(0)!)).toThrow(TypeError);
    expect(() => {
      (snapshot.header as { name: string }).name = 'renamed';
    }).toThrow(TypeError);
  });

  it('keeps the snapshot frozen after a peer changes the doc’s metadata', () => {
    const { doc } = declaredDoc();
    const live = projectionOf(doc);
    const peer = replicaOf(doc);
    metaOf(peer).set('schemaVersion', SCHEMA_VERSION + 1);
    sync(peer, doc);
    expect(live.snapshot.compatibility).toBe('newer');
    expectDeepFrozen(live.snapshot);
  });

  it('leaves an earlier snapshot untouched by later changes', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    const before = live.snapshot;
    logEvent(doc, { kind: 'note', text: 'after' }, ctx);
    changeSeverity(doc, { to: 'SEV-2' }, ctx);
    expect(before.timeline).toHaveLength(1);
    expect(before.header?.severity).toBe('SEV-3');
  });
});

describe('reuse of unchanged objects', () => {
  it('keeps the header object and the event objects when an ordinary note is appended', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    logEvent(doc, { kind: 'note', text: 'first' }, ctx);
    const before = live.snapshot;
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'action', text: 'second' }, ctx);
    const after = live.snapshot;
    expect(after).not.toBe(before);
    expect(after.header).toBe(before.header);
    expect(after.timeline).toHaveLength(3);
    before.timeline.map((e, i) => expect(after.timeline.at(i)).toBe(e));
  });

  it('keeps the header and the events when a backdated note forces a re-sort', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    ctx.advance(10 * MINUTE);
    logEvent(doc, { kind: 'note', text: 'now' }, ctx);
    const before = live.snapshot;
    logEvent(doc, { kind: 'impact', text: 'earlier', at: T0 + 5 * MINUTE }, ctx);
    const after = live.snapshot;
    expect(after.header).toBe(before.header);
    expect(after.timeline.at(0)).toBe(before.timeline.at(0));
    expect(after.timeline.at(2)).toBe(before.timeline.at(1));
  });

  it('replaces the header when severity changes, and only then', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    const before = live.snapshot.header;
    changeSeverity(doc, { to: 'SEV-1' }, ctx);
    expect(live.snapshot.header).not.toBe(before);
    expect(live.snapshot.header?.severity).toBe('SEV-1');
    const escalated = live.snapshot.header;
    logEvent(doc, { kind: 'note', text: 'x' }, ctx);
    expect(live.snapshot.header).toBe(escalated);
  });
});

describe('ordering', () => {
  it('sorts a backdated event into place, on this replica and on a peer', () => {
    const { doc, ctx } = declaredDoc();
    const peer = replicaOf(doc);
    const peerLive = projectionOf(peer);
    ctx.advance(30 * MINUTE);
    const late = logEvent(doc, { kind: 'note', text: 'Mitigation deployed' }, ctx);
    const early = logEvent(doc, { kind: 'impact', text: 'Monitoring alerted', at: T0 - 10 * MINUTE }, ctx);
    const middle = logEvent(doc, { kind: 'decision', text: 'Page the DB team', at: T0 + 10 * MINUTE }, ctx);
    const expected = [early.id, 'ev-0001', middle.id, late.id];
    expect(projectionOf(doc).snapshot.timeline.map((e) => e.id)).toEqual(expected);
    sync(doc, peer);
    expect(peerLive.snapshot.timeline.map((e) => e.id)).toEqual(expected);
    expect(peerLive.snapshot).toEqual(projectIncident(doc));
  });

  it('breaks ties in time by when logged, then by id', () => {
    const a = event({ id: 'b', at: 5, loggedAt: 9 });
    const b = event({ id: 'a', at: 5, loggedAt: 10 });
    const c = event({ id: 'c', at: 5, loggedAt: 10 });
    expect([c, b, a].sort(compareEvents).map((e) => e.id)).toEqual(['b', 'a', 'c']);
  });

  it('folds severity changes in timeline order, whatever order they arrived in', () => {
    const { doc } = declaredDoc();
    const alice = replicaOf(doc);
    const bob = replicaOf(doc);
    // Concurrent changes on two replicas: Bob's is later, so Bob's counts on both.
    changeSeverity(alice, { to: 'SEV-2' }, testContext('Alice', T0 + MINUTE, 'alice'));
    changeSeverity(bob, { to: 'SEV-1' }, testContext('Bob', T0 + 2 * MINUTE, 'bob'));
    sync(bob, alice);
    sync(alice, bob);
    expect(projectionOf(alice).snapshot.header?.severity).toBe('SEV-1');
    expect(projectionOf(bob).snapshot.header?.severity).toBe('SEV-1');
    expect(projectionOf(alice).snapshot).toEqual(projectionOf(bob).snapshot);
  });

  it('lets the first end count when two people end the incident at once', () => {
    const { doc } = declaredDoc();
    const alice = replicaOf(doc);
    const bob = replicaOf(doc);
    declareEnd(alice, { summary: 'Alice' }, testContext('Alice', T0 + 2 * HOUR, 'alice'));
    declareEnd(bob, { summary: 'Bob' }, testContext('Bob', T0 + HOUR, 'bob'));
    sync(alice, bob);
    sync(bob, alice);
    for (const replica of [alice, bob]) {
      const snapshot = projectionOf(replica).snapshot;
      expect(snapshot.header).toMatchObject({ state: 'ended', endedAt: T0 + HOUR, endedBy: 'Bob' });
      expect(snapshot.timeline.filter((e) => e.kind === 'ended')).toHaveLength(2);
    }
  });
});

describe('a hostile or buggy peer', () => {
  const garbage: unknown[] = [
    null,
    42,
    'not an event',
    [],
    {},
    { kind: 'note' },
    event({ id: 'bad-kind', kind: 'gossip' as never }),
    event({ id: 'bad-at', at: '09:30' as never }),
    event({ id: 'nan-at', at: Number.NaN }),
    event({ id: 'no-author', author: undefined as never }),
    event({ id: 'bad-severity', kind: 'severity', from: 'SEV-3', to: 'SEV-0' } as never),
    event({ id: 'bad-declared', kind: 'declared', name: 'Fake', severity: 'SEV-1', synopsis: 'x' } as never),
    new Uint8Array([1, 2, 3]),
  ];

  it('has its malformed entries dropped and counted, without throwing', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    const mallory = replicaOf(doc);
    timelineOf(mallory).push(garbage as TimelineEvent[]);
    timelineOf(mallory).push([new Y.Map() as never]);
    expect(() => sync(mallory, doc)).not.toThrow();

    const snapshot = live.snapshot;
    expect(snapshot.malformedEntries).toBe(garbage.length + 1);
    expect(snapshot.timeline.map((e) => e.id)).toEqual(['ev-0001']);
    expect(snapshot.header?.name).toBe('26-Bravo');
    expect(projectIncident(doc)).toEqual(snapshot);
    // The incident still works.
    logEvent(doc, { kind: 'note', text: 'still here' }, ctx);
    expect(live.snapshot.timeline).toHaveLength(2);
    expect(live.snapshot.malformedEntries).toBe(garbage.length + 1);
  });

  it('cannot take over the header with a later second declaration', () => {
    const { doc } = declaredDoc();
    const mallory = replicaOf(doc);
    timelineOf(mallory).push([
      event({ id: 'fake', kind: 'declared', at: T0 + MINUTE, name: 'Hijack', severity: 'SEV-5', synopsis: 'x', drill: true } as never),
    ]);
    sync(mallory, doc);
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.header).toMatchObject({ name: '26-Bravo', severity: 'SEV-3', drill: false });
    expect(snapshot.timeline).toHaveLength(2);
  });

  it('has an event id it repeats counted once', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    const note = logEvent(doc, { kind: 'note', text: 'once' }, ctx);
    const mallory = replicaOf(doc);
    // A replayed copy of an existing event, then two copies of a new one in a single update.
    timelineOf(mallory).push([{ ...note }]);
    const twin = event({ id: 'twin', at: T0 + HOUR, loggedAt: T0 + HOUR });
    timelineOf(mallory).push([twin, { ...twin, text: 'a second copy, other words' }]);
    sync(mallory, doc);

    const ids = live.snapshot.timeline.map((e) => e.id);
    expect(ids).toEqual(['ev-0001', note.id, 'twin']);
    // The first copy in the doc's order stands, here and from scratch.
    expect(live.snapshot.timeline.at(-1)!.text).toBe(twin.text);
    expect(projectIncident(mallory).timeline.at(-1)!.text).toBe(twin.text);
    expect(live.snapshot).toEqual(projectIncident(doc));
    expect(projectIncident(mallory).timeline.map((e) => e.id)).toEqual(ids);
  });

  it('has an entry it deletes disappear from the projection too', () => {
    const { doc, ctx } = declaredDoc();
    const live = projectionOf(doc);
    logEvent(doc, { kind: 'note', text: 'a' }, ctx);
    const mallory = replicaOf(doc);
    timelineOf(mallory).delete(1, 1);
    sync(mallory, doc);
    expect(live.snapshot.timeline.map((e) => e.id)).toEqual(['ev-0001']);
    expect(live.snapshot).toEqual(projectIncident(doc));
  });
});

describe('incremental projection', () => {
  /** Applies a random mix of operations to several replicas and returns them. */
  function randomHistory(seed: number): Y.Doc[] {
    const rng = new Rng(seed);
    const { doc: origin } = declaredDoc(`incident-${seed}`);
    const docs = [origin, replicaOf(origin), replicaOf(origin)];
    docs.forEach((d) => projectionOf(d)); // start the live projections before anything else happens
    const contexts = docs.map((_, i) => testContext(`Person ${i}`, T0 + rng.int(3) * MINUTE, `r${i}`));
    const pending: Uint8Array[][] = docs.map(() => []);
    docs.forEach((d, i) =>
      d.on('update', (update: Uint8Array, o: unknown) => {
        if (o === 'remote') return;
        docs.forEach((_, j) => j !== i && pending[j]!.push(update));
      }),
    );
    for (let step = 0; step < 60; step++) {
      const i = rng.int(docs.length);
      const doc = docs[i]!;
      const ctx = contexts[i]!;
      ctx.advance(rng.int(5) * MINUTE);
      const roll = rng.next();
      try {
        if (roll < 0.35) logEvent(doc, { kind: 'note', text: `step ${step}` }, ctx);
        else if (roll < 0.5) logEvent(doc, { kind: 'action', text: `back ${step}`, at: ctx.now() - rng.int(120) * MINUTE }, ctx);
        else if (roll < 0.58) changeSeverity(doc, { to: rng.pick(SEVERITIES) }, ctx);
        else if (roll < 0.6) declareEnd(doc, {}, ctx);
        else if (roll < 0.65) timelineOf(doc).push([rng.pick([null, 7, { id: 'junk' }]) as never]);
        else if (roll < 0.7) {
          const existing = projectionOf(doc).snapshot.timeline;
          timelineOf(doc).push([{ ...rng.pick(existing.toArray()) }]);
        } else if (roll < 0.73) {
          const twin = event({ id: `twin-${step}`, at: ctx.now(), loggedAt: ctx.now() });
          timelineOf(doc).push([twin, { ...twin }]);
        } else if (roll < 0.75 && timelineOf(doc).length > 2) {
          timelineOf(doc).delete(rng.int(timelineOf(doc).length), 1);
        } else {
          // Deliver some pending updates to replica i, in random order.
          const queue = pending[i]!;
          for (let n = rng.int(queue.length + 1); n > 0; n--) Y.applyUpdate(doc, rng.take(queue), 'remote');
        }
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
      }
    }
    return docs;
  }

  it('equals a projection from scratch after a random mix of operations', () => {
    for (let seed = 1; seed <= 150; seed++) {
      for (const doc of randomHistory(seed)) {
        expect(projectionOf(doc).snapshot, `seed ${seed}, client ${doc.clientID}`).toEqual(projectIncident(doc));
      }
    }
  });
});
