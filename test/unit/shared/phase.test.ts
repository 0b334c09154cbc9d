/**
 * Changes of the status document's phase, logged as Command Post's own
 * timeline entries (kind 'phase'): written with the document's change,
 * folded by the projection, never hand-logged, edited or struck, and never
 * taken for a status update given.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CORE_SCHEMA_VERSION,
  EVENT_KIND_LABELS,
  PHASE_SCHEMA_VERSION,
  POSTMORTEM_SCHEMA_VERSION,
  SCHEMA_VERSION,
  STATUS_SCHEMA_VERSION,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  decodeIncidentFile,
  editEntry,
  editStatusText,
  encodeIncidentFile,
  isTimelineEvent,
  logEvent,
  metaOf,
  projectIncident,
  projectionOf,
  setKeyEntry,
  setStatusPhase,
  statusMapOf,
  strikeEntry,
  timelineOf,
  type PhaseEvent,
} from '../../../src/shared/incident';
import { deadlineHistory } from '../../../src/shared/views/expiries';
import { sentUpdates } from '../../../src/shared/views/status-document';
import { timersBoard } from '../../../src/shared/views/timers-board';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { MINUTE, T0, testContext } from '../harness/context';
import { refused } from '../harness/refused';

function incident() {
  const doc = createIncidentDoc('incident-phase');
  const ctx = testContext('Ada');
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Primary database down' }, ctx);
  return { doc, ctx };
}

const snapshot = (doc: Y.Doc) => projectionOf(doc).snapshot;
const phases = (doc: Y.Doc) => snapshot(doc).timeline.filter((e): e is PhaseEvent => e.kind === 'phase');

function exchange(a: Y.Doc, b: Y.Doc) {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

describe('a change of phase', () => {
  it('is logged with the phase it left and the one it entered, by whom and when, in the same write as the document', () => {
    const { doc, ctx } = incident();
    ctx.advance(12 * MINUTE);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const event = setStatusPhase(doc, 'identified', ctx);
    // One transaction: a peer never sees the document moved without its log entry, or the other way round.
    expect(updates).toHaveLength(1);
    expect(event).toMatchObject({ kind: 'phase', from: 'investigating', to: 'identified', author: 'Ada', at: T0 + 12 * MINUTE, text: 'Investigating → Identified' });
    expect(snapshot(doc).timeline.at(-1)).toEqual(event);
    expect(snapshot(doc).status).toMatchObject({ phase: 'identified', editedBy: 'Ada', editedAt: T0 + 12 * MINUTE });
    expect(statusMapOf(doc).get('phase')).toBe('identified');
    expect(EVENT_KIND_LABELS[event.kind]).toBe('Phase');
    ctx.advance(MINUTE);
    expect(setStatusPhase(doc, 'monitoring', ctx).text).toBe('Identified → Monitoring');
  });

  it('raises the doc to schema 7, and only a doc with such a change', () => {
    const { doc, ctx } = incident();
    editStatusText(doc, { field: 'summary', index: 0, remove: 0, insert: 'Writes fail' }, ctx);
    expect(metaOf(doc).get('schemaVersion')).toBe(STATUS_SCHEMA_VERSION);
    setStatusPhase(doc, 'identified', ctx);
    expect(metaOf(doc).get('schemaVersion')).toBe(PHASE_SCHEMA_VERSION);
    expect(PHASE_SCHEMA_VERSION).toBeLessThanOrEqual(SCHEMA_VERSION);
    expect(POSTMORTEM_SCHEMA_VERSION).toBeLessThan(PHASE_SCHEMA_VERSION);
    // This version reads it; one that knows only version 6 shows it read-only (it is newer than what it knows).
    expect(snapshot(doc).compatibility).toBe('ok');
    const fresh = incident();
    expect(metaOf(fresh.doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
  });

  it('is refused to the phase it already is, after the end, and in a newer version’s doc', () => {
    const { doc, ctx } = incident();
    expect(refused(() => setStatusPhase(doc, 'investigating', ctx))).toBe('The response is already at investigating.');
    expect(phases(doc)).toHaveLength(0);
    const newer = incident();
    metaOf(newer.doc).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(refused(() => setStatusPhase(newer.doc, 'identified', newer.ctx))).toMatch(/newer version of Command Post; it is read-only/);
    declareEnd(doc, {}, ctx);
    expect(refused(() => setStatusPhase(doc, 'resolved', ctx))).toBe('26-Bravo has ended; its timeline is closed.');
  });

  it('cannot be logged by hand, edited or struck through, but can be marked as a key event', () => {
    const { doc, ctx } = incident();
    expect(refused(() => logEvent(doc, { kind: 'phase' as never, text: 'Investigating → Resolved' }, ctx))).toMatch(/^The event type must be one of note, decision/);
    const event = setStatusPhase(doc, 'identified', ctx);
    expect(refused(() => editEntry(doc, { eventId: event.id, text: 'Investigating → Monitoring' }, ctx))).toBe(
      "That entry (Phase) is Command Post's own record of a change, so it cannot be edited. Log a note to correct it.",
    );
    expect(refused(() => strikeEntry(doc, { eventId: event.id, reason: 'Too early' }, ctx))).toMatch(/cannot be struck through/);
    setKeyEntry(doc, { eventId: event.id, key: true }, ctx);
    expect(snapshot(doc).amendments.get(event.id)).toMatchObject({ key: true, struck: null, text: 'Investigating → Identified' });
  });

  it('neither restarts the update timer nor counts as an update sent', () => {
    const { doc, ctx } = incident();
    const dueAt = () => timersBoard(snapshot(doc), ctx.time).find((t) => t.kind === 'status-update')!.dueAt;
    expect(dueAt()).toBe(T0 + 20 * MINUTE);
    ctx.advance(15 * MINUTE);
    setStatusPhase(doc, 'identified', ctx);
    ctx.advance(3 * MINUTE);
    setStatusPhase(doc, 'mitigating', ctx);
    expect(dueAt()).toBe(T0 + 20 * MINUTE);
    expect(sentUpdates(snapshot(doc).timeline)).toEqual([]);
    // The update still falls overdue at the cadence: the timeline marks it when it does.
    expect(deadlineHistory(snapshot(doc)).map((e) => [e.kind, e.at])).toEqual([['status-update', T0 + 20 * MINUTE]]);
    expect(postmortemFacts(snapshot(doc), T0 + 60 * MINUTE).response.updatesSent).toBe(0);
    // A status logged by hand restarts it, as before.
    logEvent(doc, { kind: 'status', text: 'Cause found: a full disk' }, ctx);
    expect(dueAt()).toBe(T0 + 38 * MINUTE);
  });

  it('sorts after the change it followed, even on a computer whose clock is behind', () => {
    const { doc, ctx } = incident();
    ctx.advance(10 * MINUTE);
    const first = setStatusPhase(doc, 'identified', ctx);
    const behind = testContext('Bo', T0 + 2 * MINUTE, 'bo');
    const second = setStatusPhase(doc, 'monitoring', behind);
    expect(second.at).toBe(first.at + 1);
    expect(second.loggedAt).toBe(T0 + 2 * MINUTE);
    expect(snapshot(doc).status.phase).toBe('monitoring');
    // And the end sorts after the last change to the phase, where the review's phases stop.
    const end = declareEnd(doc, {}, testContext('Cy', T0, 'cy'));
    expect(end.at).toBe(second.at + 1);
  });
});

describe('the phase shown', () => {
  it('is the last logged change’s on every replica, whichever change the document’s last write kept', () => {
    const { doc: a, ctx } = incident();
    const b = createIncidentDoc(a.guid);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // Two people move the phase at the same moment on two machines, before either hears of the other.
    ctx.advance(5 * MINUTE);
    setStatusPhase(a, 'identified', ctx);
    setStatusPhase(b, 'mitigating', testContext('Bo', T0 + 5 * MINUTE, 'bo'));
    exchange(a, b);
    const logged = phases(a);
    expect(logged.map((e) => `${e.from}→${e.to}`).sort()).toEqual(['investigating→identified', 'investigating→mitigating']);
    const last = logged.at(-1)!.to;
    for (const doc of [a, b]) {
      expect(snapshot(doc).status.phase).toBe(last);
      expect(projectIncident(doc).status.phase).toBe(last);
      expect(phases(doc)).toEqual(logged);
    }
    // The map kept one write by Yjs's own rule; where it kept the other one, the log still decides.
    statusMapOf(a).set('phase', last === 'identified' ? 'mitigating' : 'identified');
    expect(snapshot(a).status.phase).toBe(last);
    // The next change starts from what everyone sees.
    expect(setStatusPhase(a, 'monitoring', ctx).from).toBe(last);
  });

  it('is the document’s own in an incident kept before phase changes were logged, and the first logged change starts from it', () => {
    const { doc, ctx } = incident();
    // What version 6 wrote: the phase in the document, no log entry.
    statusMapOf(doc).set('phase', 'mitigating');
    expect(snapshot(doc).status.phase).toBe('mitigating');
    expect(setStatusPhase(doc, 'monitoring', ctx)).toMatchObject({ from: 'mitigating', to: 'monitoring' });
    expect(projectIncident(doc).status.phase).toBe('monitoring');
  });
});

describe('a phase change a buggy or hostile peer wrote', () => {
  it('is counted as malformed, not shown, and moves nothing', () => {
    const { doc, ctx } = incident();
    const base = { at: T0 + MINUTE, loggedAt: T0 + MINUTE, author: 'Mallory', text: 'Investigating → Resolved' };
    const bad = [
      { ...base, id: 'm1', kind: 'phase', from: 'investigating', to: 'on fire' },
      { ...base, id: 'm2', kind: 'phase', from: 'resolved', to: 'resolved' },
      { ...base, id: 'm3', kind: 'phase', from: 'investigating' },
      { ...base, id: 'm4', kind: 'phase', from: 7, to: 'resolved' },
    ];
    for (const entry of bad) expect(isTimelineEvent(entry)).toBe(false);
    doc.transact(() => timelineOf(doc).push(bad as never[]));
    expect(snapshot(doc).malformedEntries).toBe(4);
    expect(phases(doc)).toEqual([]);
    expect(snapshot(doc).status.phase).toBe('investigating');
    expect(projectIncident(doc).malformedEntries).toBe(4);
    // A well-formed one from a peer is taken.
    doc.transact(() => timelineOf(doc).push([{ ...base, id: 'ok', kind: 'phase', from: 'investigating', to: 'resolved' } as never]));
    expect(snapshot(doc).status.phase).toBe('resolved');
    expect(setStatusPhase(doc, 'monitoring', ctx).from).toBe('resolved');
  });

  it('is counted as malformed in an incident file too, as any other malformed entry', () => {
    const { doc, ctx } = incident();
    setStatusPhase(doc, 'identified', ctx);
    doc.transact(() => timelineOf(doc).push([{ id: 'm1', kind: 'phase', at: T0, loggedAt: T0, author: 'Mallory', text: 'x', from: 'identified', to: 'identified' } as never]));
    const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
    expect(decoded).toMatchObject({ ok: true, file: { events: 2, malformedEntries: 1 } });
  });
});
