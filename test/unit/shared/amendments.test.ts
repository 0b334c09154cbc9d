import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AMEND_SCHEMA_VERSION,
  CORE_SCHEMA_VERSION,
  SCHEMA_VERSION,
  MAX_EVENT_TEXT,
  changeSeverity,
  checkIn,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  editEntry,
  IC_ROLE_ID,
  logEvent,
  markLastKey,
  metaOf,
  projectIncident,
  projectionOf,
  setKeyEntry,
  strikeEntry,
  timelineOf,
  type AmendEvent,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { draftBriefing } from '../../../src/shared/views/briefing';
import { timersBoard } from '../../../src/shared/views/timers-board';
import { MINUTE, T0, testContext } from '../harness/context';
import { refused } from '../harness/refused';

function incident() {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext('Dana');
  const declared = declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, ctx);
  ctx.advance(MINUTE);
  const note = logEvent(doc, { kind: 'note', text: 'Error rate 12%' }, ctx);
  return { doc, ctx, declared, note };
}

const shown = (doc: Y.Doc, id: string) => projectionOf(doc).snapshot.amendments.get(id);

/** A second replica holding everything `doc` has. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const peer = createIncidentDoc(doc.guid);
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  return peer;
}

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, 'remote');
  Y.applyUpdate(a, toA, 'remote');
}

describe('editing an entry', () => {
  it('shows the new text and keeps the original, with who wrote each version and when', () => {
    const { doc, ctx, note } = incident();
    ctx.advance(MINUTE);
    const edit = editEntry(doc, { eventId: note.id, text: '  Error rate 14% (was misread)  ' }, { ...ctx, actor: 'Mei' });
    expect(edit).toMatchObject({ kind: 'amend', target: note.id, text: 'Error rate 14% (was misread)', author: 'Mei', amend: { change: 'edit', replaces: note.id } });
    const state = shown(doc, note.id)!;
    expect(state.text).toBe('Error rate 14% (was misread)');
    expect(state.versions).toEqual([
      { id: note.id, text: 'Error rate 12%', by: 'Dana', at: T0 + MINUTE, concurrent: false },
      { id: edit.id, text: 'Error rate 14% (was misread)', by: 'Mei', at: T0 + 2 * MINUTE, concurrent: false },
    ]);
    // The entry itself is never changed in place.
    expect(projectionOf(doc).snapshot.timeline.find((e) => e.id === note.id)!.text).toBe('Error rate 12%');
    expect(metaOf(doc).get('schemaVersion')).toBe(AMEND_SCHEMA_VERSION);
  });

  it('raises the schema only once an entry is amended', () => {
    const { doc } = incident();
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
    expect(AMEND_SCHEMA_VERSION).toBe(4);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(AMEND_SCHEMA_VERSION);
  });

  it('chains versions: each edit replaces the one before it', () => {
    const { doc, ctx, note } = incident();
    const first = editEntry(doc, { eventId: note.id, text: 'v2' }, ctx);
    const second = editEntry(doc, { eventId: note.id, text: 'v3' }, ctx);
    expect(second.amend).toEqual({ change: 'edit', replaces: first.id });
    expect(shown(doc, note.id)!.versions.map((v) => v.text)).toEqual(['Error rate 12%', 'v2', 'v3']);
    expect(shown(doc, note.id)!.versions.every((v) => !v.concurrent)).toBe(true);
  });

  it('refuses what cannot be amended, in words the Scribe understands', () => {
    const { doc, ctx, declared, note } = incident();
    const severity = changeSeverity(doc, { to: 'SEV-1' }, ctx);
    const org = checkIn(doc, { name: 'Bo' }, ctx);
    expect(refused(() => editEntry(doc, { eventId: declared.id, text: 'x' }, ctx))).toMatch(/Command Post's own record of a change, so it cannot be edited/);
    expect(refused(() => strikeEntry(doc, { eventId: severity.id, reason: 'wrong' }, ctx))).toMatch(/cannot be struck through/);
    expect(refused(() => editEntry(doc, { eventId: org.id, text: 'x' }, ctx))).toMatch(/Organization/);
    expect(refused(() => editEntry(doc, { eventId: 'no-such-entry', text: 'x' }, ctx))).toBe('That entry is not in this timeline.');
    expect(refused(() => editEntry(doc, { eventId: '../../etc', text: 'x' }, ctx))).toBe('That entry is not in this timeline.');
    expect(refused(() => editEntry(doc, { eventId: note.id, text: '   ' }, ctx))).toBe('Write what happened.');
    expect(refused(() => editEntry(doc, { eventId: note.id, text: 'x'.repeat(MAX_EVENT_TEXT + 1) }, ctx))).toMatch(/at most 5,000 characters/);
    expect(refused(() => editEntry(doc, { eventId: note.id, text: 'Error rate 12%' }, ctx))).toBe('That is already what the entry says.');
    // An amendment is not an entry of its own.
    const edit = editEntry(doc, { eventId: note.id, text: 'v2' }, ctx);
    expect(refused(() => setKeyEntry(doc, { eventId: edit.id, key: true }, ctx))).toBe('That entry is not in this timeline.');
    expect(shown(doc, declared.id)).toBeUndefined();
  });

  it('is closed to edits and strikes once the incident has ended, like the rest of the timeline', () => {
    const { doc, ctx, note } = incident();
    declareEnd(doc, {}, ctx);
    expect(refused(() => editEntry(doc, { eventId: note.id, text: 'late' }, ctx))).toMatch(/has ended/);
    expect(refused(() => strikeEntry(doc, { eventId: note.id, reason: 'late' }, ctx))).toMatch(/has ended/);
  });

  it('still takes key marks after the end: the review decides which entries mattered, and no entry changes', () => {
    const { doc, ctx, note } = incident();
    declareEnd(doc, {}, ctx);
    const before = projectionOf(doc).snapshot.timeline.filter((e) => e.kind !== 'amend').map((e) => e.text);
    setKeyEntry(doc, { eventId: note.id, key: true }, { ...ctx, actor: 'Reviewer' });
    expect(shown(doc, note.id)?.key).toBe(true);
    setKeyEntry(doc, { eventId: note.id, key: false }, ctx);
    expect(shown(doc, note.id)?.key).toBe(false);
    expect(projectionOf(doc).snapshot.timeline.filter((e) => e.kind !== 'amend').map((e) => e.text)).toEqual(before);
    expect(projectionOf(doc).snapshot.header?.state).toBe('ended');
  });
});

describe('striking an entry through', () => {
  it('keeps it, struck, with the reason; it can no longer be edited or struck again', () => {
    const { doc, ctx, note } = incident();
    const before = projectionOf(doc).snapshot.timeline.length;
    strikeEntry(doc, { eventId: note.id, reason: ' Logged on the wrong incident ' }, { ...ctx, actor: 'Mei' });
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.timeline.some((e) => e.id === note.id)).toBe(true);
    expect(snapshot.timeline.length).toBe(before + 1);
    expect(snapshot.amendments.get(note.id)!.struck).toMatchObject({ by: 'Mei', reason: 'Logged on the wrong incident' });
    expect(snapshot.amendments.get(note.id)!.text).toBe('Error rate 12%');
    expect(refused(() => editEntry(doc, { eventId: note.id, text: 'x' }, ctx))).toMatch(/struck through \(Logged on the wrong incident\); it can no longer be edited/);
    expect(refused(() => strikeEntry(doc, { eventId: note.id, reason: 'again' }, ctx))).toMatch(/already struck through by Mei/);
  });

  it('needs a reason on one line', () => {
    const { doc, ctx, note } = incident();
    expect(refused(() => strikeEntry(doc, { eventId: note.id, reason: '  ' }, ctx))).toMatch(/Say why it is struck through/);
    expect(refused(() => strikeEntry(doc, { eventId: note.id, reason: 'a\nb' }, ctx))).toMatch(/one line/);
    expect(refused(() => strikeEntry(doc, { eventId: note.id, reason: 'x'.repeat(301) }, ctx))).toMatch(/at most 300/);
    expect(shown(doc, note.id)).toBeUndefined();
  });
});

describe('key events', () => {
  it('marks any entry, system ones included, and clears the mark', () => {
    const { doc, ctx, declared, note } = incident();
    setKeyEntry(doc, { eventId: declared.id, key: true }, ctx);
    setKeyEntry(doc, { eventId: note.id, key: true }, ctx);
    expect(shown(doc, declared.id)!.key).toBe(true);
    expect(refused(() => setKeyEntry(doc, { eventId: note.id, key: true }, ctx))).toBe('That entry is already a key event.');
    setKeyEntry(doc, { eventId: note.id, key: false }, ctx);
    expect(shown(doc, note.id)!.key).toBe(false);
    expect(refused(() => setKeyEntry(doc, { eventId: note.id, key: false }, ctx))).toBe('That entry is not marked as a key event.');
    // A system entry has no versions to show beyond its own text.
    expect(shown(doc, declared.id)!.versions).toHaveLength(1);
  });

  it('"mark last key" marks what this person wrote down last, not what sorts last', () => {
    const { doc, ctx, note } = incident();
    ctx.advance(MINUTE);
    // Logged after the note but backdated before it.
    const backdated = logEvent(doc, { kind: 'decision', text: 'Fail over', at: T0 + 30_000 }, ctx);
    logEvent(doc, { kind: 'action', text: 'Someone else', at: ctx.time }, { ...ctx, actor: 'Mei' });
    const marked = markLastKey(doc, ctx);
    expect(marked.target).toBe(backdated.id);
    expect(shown(doc, backdated.id)!.key).toBe(true);
    expect(shown(doc, note.id)).toBeUndefined();
    expect(refused(() => markLastKey(doc, ctx))).toMatch(/already a key event: "Fail over"/);
    expect(refused(() => markLastKey(doc, { ...ctx, actor: 'Newcomer' }))).toMatch(/not logged anything yet/);
  });
});

describe('concurrent amendments', () => {
  it('resolve the same way on every replica and keep both versions', () => {
    const { doc: a, ctx, note } = incident();
    const b = replicaOf(a);
    // Mei's clock is behind; both edit the same version without seeing each other.
    const mei = testContext('Mei', ctx.time - 2 * MINUTE, 'mei');
    const fromA = editEntry(a, { eventId: note.id, text: 'Error rate 14%' }, ctx);
    const fromB = editEntry(b, { eventId: note.id, text: 'Error rate 12% (EU only)' }, mei);
    syncBoth(a, b);
    const sa = shown(a, note.id)!;
    const sb = shown(b, note.id)!;
    expect(sa).toEqual(sb);
    expect(sa.versions.map((v) => v.text).sort()).toEqual(['Error rate 12%', 'Error rate 12% (EU only)', 'Error rate 14%'].sort());
    expect(sa.versions[0]!.text).toBe('Error rate 12%');
    expect(sa.versions.slice(1).every((v) => v.concurrent)).toBe(true);
    // The later by causal time (then id) shows: both were stamped after the note, Dana's clock is ahead.
    const [first, second] = [fromA, fromB].sort((x, y) => x.at - y.at || x.loggedAt - y.loggedAt || (x.id < y.id ? -1 : 1));
    expect(sa.text).toBe(second!.text);
    expect(sa.versions[1]!.id).toBe(first!.id);
    // A later edit made after seeing both sorts after both, whatever the clock says.
    const late = editEntry(b, { eventId: note.id, text: 'Error rate 13%' }, mei);
    expect(late.at).toBeGreaterThan(Math.max(fromA.at, fromB.at));
    expect(shown(b, note.id)!.text).toBe('Error rate 13%');
  });

  it('a strike and an edit made at once: the entry stays struck, the edit stays in its history', () => {
    const { doc: a, ctx, note } = incident();
    const b = replicaOf(a);
    strikeEntry(a, { eventId: note.id, reason: 'Duplicate' }, ctx);
    editEntry(b, { eventId: note.id, text: 'Error rate 15%' }, testContext('Mei', ctx.time, 'mei'));
    syncBoth(a, b);
    expect(shown(a, note.id)).toEqual(shown(b, note.id));
    expect(shown(a, note.id)!.struck?.reason).toBe('Duplicate');
    expect(shown(a, note.id)!.versions.map((v) => v.text)).toEqual(['Error rate 12%', 'Error rate 15%']);
  });

  it('an amendment that arrives before its entry applies once the entry does', () => {
    const { doc: a, ctx } = incident();
    const b = replicaOf(a);
    const entry = logEvent(a, { kind: 'action', text: 'Restart pooler' }, ctx);
    const key = setKeyEntry(a, { eventId: entry.id, key: true }, ctx);
    // Deliver the amendment alone first (as a raw event), then the entry.
    timelineOf(b).push([key]);
    expect(shown(b, entry.id)).toBeUndefined();
    timelineOf(b).push([entry]);
    expect(shown(b, entry.id)!.key).toBe(true);
    expect(projectionOf(b).snapshot).toEqual(projectIncident(b));
  });

  it('ignores what a buggy or hostile peer wrote: edits of system entries, amendments of amendments', () => {
    const { doc, ctx, declared, note } = incident();
    const forged = (over: Partial<AmendEvent>): TimelineEvent =>
      ({ id: `forged-${Math.random()}`, kind: 'amend', at: ctx.time, loggedAt: ctx.time, author: 'Mallory', text: 'pwned', target: note.id, amend: { change: 'edit', replaces: note.id }, ...over }) as AmendEvent;
    const edit = editEntry(doc, { eventId: note.id, text: 'v2' }, ctx);
    timelineOf(doc).push([
      forged({ target: declared.id }),
      forged({ target: edit.id, amend: { change: 'key' } }),
      forged({ amend: { change: 'strike', reason: '' } as never }),
    ]);
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.malformedEntries).toBe(1);
    expect(snapshot.amendments.get(declared.id)).toBeUndefined();
    expect(snapshot.amendments.get(edit.id)).toBeUndefined();
    expect(snapshot.amendments.get(note.id)!.text).toBe('v2');
    expect(snapshot).toEqual(projectIncident(doc));
  });
});

describe('what other views read of an amended timeline', () => {
  it('the handover briefing quotes entries as they read now and leaves struck ones out', () => {
    const { doc, ctx } = incident();
    const status = logEvent(doc, { kind: 'status', text: 'Investigating elevated errors' }, ctx);
    const wrong = logEvent(doc, { kind: 'decision', text: 'Roll back everything' }, ctx);
    editEntry(doc, { eventId: status.id, text: 'Mitigating: failover under way' }, ctx);
    strikeEntry(doc, { eventId: wrong.id, reason: 'Never decided; misheard' }, ctx);
    const briefing = draftBriefing(projectionOf(doc).snapshot, { roleId: IC_ROLE_ID, toName: 'Jo', now: ctx.time });
    expect(briefing).toContain('Mitigating: failover under way');
    expect(briefing).not.toContain('Investigating elevated errors');
    expect(briefing).not.toContain('Roll back everything');
  });

  it('the timers board does not count a struck-through status update as given', () => {
    const { doc, ctx } = incident();
    ctx.advance(10 * MINUTE);
    const update = logEvent(doc, { kind: 'status', text: 'Posted to the wrong page' }, ctx);
    const due = () => timersBoard(projectionOf(doc).snapshot, ctx.time).find((t) => t.kind === 'status-update')!.dueAt;
    expect(due()).toBe(update.at + 30 * MINUTE);
    strikeEntry(doc, { eventId: update.id, reason: 'Never published' }, ctx);
    expect(due()).toBe(T0 + 30 * MINUTE);
  });
});
