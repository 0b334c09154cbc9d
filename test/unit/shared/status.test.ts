import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CORE_SCHEMA_VERSION,
  IC_ROLE_ID,
  PHASE_SCHEMA_VERSION,
  STATUS_SCHEMA_VERSION,
  SCHEMA_VERSION,
  STATUS_TEXT_MAX,
  addObjective,
  assignRole,
  assignTask,
  setTaskStatus,
  addRole,
  checkIn,
  createIncidentDoc,
  declareEnd,
  decodeIncidentFile,
  editStatusText,
  encodeIncidentFile,
  logEvent,
  metaOf,
  projectIncident,
  projectionOf,
  sendUpdate,
  setCadence,
  setImpactSince,
  setStatusPhase,
  startStatusTextOver,
  statusMapOf,
  statusTextOf,
  timelineOf,
  type StatusTextField,
} from '../../../src/shared/incident';
import { sentUpdates, statusDocumentOf } from '../../../src/shared/views/status-document';
import { timersBoard } from '../../../src/shared/views/timers-board';
import { declaredIncident } from '../harness/incident';
import { refused } from '../harness/refused';
import { MINUTE, T0, testContext, type TestContext } from '../harness/context';

const status = (doc: Y.Doc) => projectionOf(doc).snapshot.status;

/** Types text into a field the way an editor reports it: one character at a time at `index`. */
function type(doc: Y.Doc, field: StatusTextField, index: number, text: string, ctx: TestContext) {
  for (let i = 0; i < text.length; i++) editStatusText(doc, { field, index: index + i, remove: 0, insert: text[i]! }, ctx);
}

/** A second replica of the same incident, in step with the first. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const other = createIncidentDoc(doc.guid);
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

function exchange(a: Y.Doc, b: Y.Doc) {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

describe('the status document', () => {
  it('starts empty, investigating, last updated by the declarer at the declaration', () => {
    const { doc } = declaredIncident();
    const view = statusDocumentOf(projectionOf(doc).snapshot, T0 + MINUTE)!;
    expect(view.doc).toMatchObject({ phase: 'investigating', impactSince: null, editedBy: null, editedAt: null });
    expect(view.doc.summary.text).toBe('');
    expect(view).toMatchObject({ updatedAt: T0, updatedBy: 'Ada', phaseLabel: 'Investigating', severity: 'SEV-1', stale: false, cadenceMinutes: 20 });
    // Nothing written yet: an older version still reads the doc.
    expect(metaOf(doc).get('schemaVersion')).toBe(CORE_SCHEMA_VERSION);
  });

  it('takes edits to its fields, and every edit says who changed it and when', () => {
    const { doc, ctx } = declaredIncident();
    ctx.advance(MINUTE);
    type(doc, 'summary', 0, 'Writes fail', ctx);
    editStatusText(doc, { field: 'summary', index: 7, remove: 4, insert: 'are refused' }, ctx);
    expect(status(doc).summary.text).toBe('Writes are refused');
    const bo = testContext('Bo', T0 + 3 * MINUTE, 'bo');
    setStatusPhase(doc, 'identified', bo);
    setImpactSince(doc, T0 - 10 * MINUTE, bo);
    editStatusText(doc, { field: 'impact', index: 0, remove: 0, insert: 'EU customers cannot pay.\nAbout 30% of orders.' }, bo);
    expect(status(doc)).toMatchObject({ phase: 'identified', impactSince: T0 - 10 * MINUTE, editedBy: 'Bo', editedAt: T0 + 3 * MINUTE });
    expect(status(doc).impact.text).toBe('EU customers cannot pay.\nAbout 30% of orders.');
    // The phase change is logged (schema 7); the rest is a snapshot, not a history, and is not.
    expect(metaOf(doc).get('schemaVersion')).toBe(PHASE_SCHEMA_VERSION);
    expect(projectionOf(doc).snapshot.timeline.map((e) => e.kind)).toEqual(['declared', 'phase']);
  });

  it('refuses edits that do not fit, with the reason', () => {
    const { doc, ctx } = declaredIncident();
    editStatusText(doc, { field: 'eta', index: 0, remove: 0, insert: 'About an hour' }, ctx);
    expect(refused(() => editStatusText(doc, { field: 'eta', index: 0, remove: 0, insert: 'two\nlines' }, ctx))).toBe('The estimated time to resolution fits on one line.');
    expect(refused(() => editStatusText(doc, { field: 'eta', index: 10, remove: 9, insert: '' }, ctx))).toBe(
      'The estimated time to resolution changed meanwhile; the edit was not applied.',
    );
    expect(refused(() => editStatusText(doc, { field: 'summary', index: 0, remove: 0, insert: 'x'.repeat(STATUS_TEXT_MAX.summary + 1) }, ctx))).toMatch(
      /^The summary is at most 2,000 characters/,
    );
    expect(refused(() => editStatusText(doc, { field: 'history' as StatusTextField, index: 0, remove: 0, insert: 'x' }, ctx))).toBe(
      'That is not a field of the status document.',
    );
    expect(refused(() => setStatusPhase(doc, 'panicking' as never, ctx))).toMatch(/^The phase is one of investigating, identified/);
    expect(refused(() => setImpactSince(doc, T0 + 60 * MINUTE, ctx))).toBe('The impact cannot start in the future.');
    expect(status(doc).eta.text).toBe('About an hour');
  });

  it('is closed once the incident has ended', () => {
    const { doc, ctx } = declaredIncident();
    declareEnd(doc, {}, ctx);
    expect(refused(() => editStatusText(doc, { field: 'summary', index: 0, remove: 0, insert: 'x' }, ctx))).toBe('26-Bravo has ended; its timeline is closed.');
    expect(refused(() => setStatusPhase(doc, 'resolved', ctx))).toBe('26-Bravo has ended; its timeline is closed.');
  });

  it('reads what a buggy or hostile peer wrote without crashing, and refuses to build on it', () => {
    const { doc, ctx } = declaredIncident();
    doc.transact(() => {
      const map = statusMapOf(doc);
      map.set('phase', 'on fire');
      map.set('impactSince', 'yesterday');
      map.set('editedBy', { name: 'Mallory' });
      map.set('editedAt', Number.NaN);
      statusTextOf(doc, 'summary').insert(0, 'Bold claim', { bold: true });
      statusTextOf(doc, 'impact').insertEmbed(0, { image: 'x' });
      statusTextOf(doc, 'impact').insert(1, 'Everyone');
      statusTextOf(doc, 'eta').insert(0, 'y'.repeat(10_000));
    });
    const read = status(doc);
    expect(read).toMatchObject({ phase: 'investigating', impactSince: null, editedBy: null, editedAt: null });
    expect(read.summary).toEqual({ text: 'Bold claim', damaged: true });
    expect(read.impact).toEqual({ text: 'Everyone', damaged: true });
    expect(read.eta.text).toHaveLength(STATUS_TEXT_MAX.eta);
    expect(read.eta.damaged).toBe(true);
    expect(refused(() => editStatusText(doc, { field: 'impact', index: 0, remove: 0, insert: 'x' }, ctx))).toBe(
      'The impact holds something Command Post did not write; start it over to edit it.',
    );
    startStatusTextOver(doc, 'impact', ctx);
    expect(status(doc).impact).toEqual({ text: 'Everyone', damaged: false });
    editStatusText(doc, { field: 'impact', index: 8, remove: 0, insert: ' in the EU' }, ctx);
    expect(status(doc).impact.text).toBe('Everyone in the EU');
  });

  it('reads severity, objectives, roles and the next update live from the rest of the incident', () => {
    const { doc, ctx } = declaredIncident();
    const bo = (checkIn(doc, { name: 'Bo Chen' }, ctx).org as { responderId: string }).responderId;
    checkIn(doc, { name: 'Jo Kim' }, ctx);
    const tl = addRole(doc, { role: { kind: 'tech-lead' } }, ctx).org as { roleId: string };
    assignRole(doc, { roleId: tl.roleId, responderId: bo }, ctx);
    const objective = (addObjective(doc, 'Restore writes to the primary', ctx).plan as { objectiveId: string }).objectiveId;
    const lag = assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'role', roleId: tl.roleId }, timeboxMinutes: 5 }, ctx);
    const done = assignTask(doc, { objectiveId: objective, text: 'Page the DBA', owner: { kind: 'person', responderId: bo }, timeboxMinutes: 5 }, ctx);
    setTaskStatus(doc, { taskId: (done.plan as { taskId: string }).taskId, status: 'done' }, ctx);
    addObjective(doc, 'Tell EU customers', ctx);
    const view = statusDocumentOf(projectionOf(doc).snapshot, T0 + MINUTE)!;
    // The current plan: its open objectives, each with the tasks still under way, their owners and timeboxes.
    expect(view.objectives).toEqual([
      {
        text: 'Restore writes to the primary',
        tasks: [{ id: expect.any(String), text: 'Check replication lag', owner: 'Tech Lead (Bo Chen)', status: 'open', acknowledged: false, dueAt: lag.at + 5 * MINUTE, state: 'normal' }],
      },
      { text: 'Tell EU customers', tasks: [] },
    ]);
    expect(statusDocumentOf(projectionOf(doc).snapshot, lag.at + 4.5 * MINUTE)!.objectives[0]!.tasks[0]!.state).toBe('due-soon');
    expect(statusDocumentOf(projectionOf(doc).snapshot, lag.at + 6 * MINUTE)!.objectives[0]!.tasks[0]!.state).toBe('overdue');
    expect(view.roles).toEqual([
      { title: 'Incident Commander', holder: 'Ada' },
      { title: 'Tech Lead', holder: 'Bo Chen' },
    ]);
    expect(view.nextUpdateAt).toBe(T0 + 20 * MINUTE);
    expect(view.nextUpdateState).toBe('normal');
    expect(view.situation).toBe('We know something is wrong and are finding out what. Critical: customers broadly cannot use the product; public notice and executive liaison needed.');
  });

  it('never reads as failing once ended: it says the end, and the phase it ended at unless Resolved', () => {
    const { doc, ctx } = declaredIncident('Ada', { severity: 'SEV-2' });
    setStatusPhase(doc, 'monitoring', ctx);
    const objective = (addObjective(doc, 'Keep checkout up', ctx).plan as { objectiveId: string }).objectiveId;
    assignTask(doc, { objectiveId: objective, text: 'Watch the error rate', owner: { kind: 'role', roleId: IC_ROLE_ID }, timeboxMinutes: 30 }, ctx);
    declareEnd(doc, {}, ctx);
    const view = statusDocumentOf(projectionOf(doc).snapshot, ctx.now())!;
    expect(view.situation).toBe('The incident response has ended; the status still said “Monitoring” when it did.');
    // No timebox runs after the end: a task left open shows no countdown.
    expect(view.objectives[0]!.tasks[0]).toMatchObject({ text: 'Watch the error rate', owner: 'Incident Commander (Ada)', dueAt: null, state: null });
    expect(view.situation).not.toMatch(/failing/);
  });

  it('goes stale once older than the update cadence at the current severity', () => {
    const { doc, ctx } = declaredIncident();
    ctx.advance(5 * MINUTE);
    type(doc, 'summary', 0, 'Writes fail', ctx);
    const at = (minutes: number) => statusDocumentOf(projectionOf(doc).snapshot, T0 + minutes * MINUTE)!;
    expect(at(25).stale).toBe(false);
    expect(at(25.1).stale).toBe(true);
    setCadence(doc, { statusMinutes: { 'SEV-1': 60 }, reviewMinutes: 60 }, ctx);
    expect(at(25.1).stale).toBe(false);
    expect(at(65.1)).toMatchObject({ stale: true, cadenceMinutes: 60 });
    declareEnd(doc, {}, ctx);
    expect(at(200).stale).toBe(false);
  });
});

describe('stakeholder updates', () => {
  it('are kept in the timeline with their whole text, and the next update is due when they said', () => {
    const { doc, ctx } = declaredIncident();
    const dueAt = () => timersBoard(projectionOf(doc).snapshot, ctx.time).find((t) => t.kind === 'status-update')!.dueAt;
    expect(dueAt()).toBe(T0 + 20 * MINUTE);
    ctx.advance(15 * MINUTE);
    const first = sendUpdate(doc, { audience: 'external', template: 'first', body: '  Investigating a service disruption\nNext update: in 20 minutes.  ', nextUpdateMinutes: 20 }, ctx);
    expect(first).toMatchObject({ kind: 'update', audience: 'external', template: 'first', nextAt: T0 + 35 * MINUTE, author: 'Ada' });
    expect(first.body).toBe('Investigating a service disruption\nNext update: in 20 minutes.');
    expect(first.text).toBe('External update (first message) sent; next in 20 min.');
    expect(dueAt()).toBe(T0 + 35 * MINUTE);
    ctx.advance(5 * MINUTE);
    sendUpdate(doc, { audience: 'internal', template: 'can', body: 'CAN report', nextUpdateMinutes: 45 }, ctx);
    expect(dueAt()).toBe(T0 + 65 * MINUTE);
    // A status change logged by hand still restarts the cadence, as before.
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'status', text: 'Failover done' }, ctx);
    expect(dueAt()).toBe(T0 + 41 * MINUTE);
    expect(sentUpdates(projectionOf(doc).snapshot.timeline).map((u) => u.template)).toEqual(['can', 'first']);
    expect(metaOf(doc).get('schemaVersion')).toBe(STATUS_SCHEMA_VERSION);
  });

  it('say when the next one comes; only the resolution may promise none', () => {
    const { doc, ctx } = declaredIncident();
    expect(refused(() => sendUpdate(doc, { audience: 'external', template: 'update', body: 'x', nextUpdateMinutes: null }, ctx))).toMatch(/^Say when the next update comes/);
    expect(refused(() => sendUpdate(doc, { audience: 'external', template: 'update', body: '   ', nextUpdateMinutes: 20 }, ctx))).toBe('Write the update.');
    expect(refused(() => sendUpdate(doc, { audience: 'everyone' as never, template: 'update', body: 'x', nextUpdateMinutes: 20 }, ctx))).toBe(
      'Say whom the update is for: internal or external.',
    );
    expect(refused(() => sendUpdate(doc, { audience: 'external', template: 'update', body: 'x'.repeat(5001), nextUpdateMinutes: 20 }, ctx))).toMatch(/at most 5,000 characters/);
    const resolved = sendUpdate(doc, { audience: 'external', template: 'resolution', body: 'Resolved', nextUpdateMinutes: null }, ctx);
    expect(resolved.text).toBe('External update (resolution) sent; no further update planned.');
    // With none promised, the cadence applies again.
    expect(timersBoard(projectionOf(doc).snapshot, ctx.time).find((t) => t.kind === 'status-update')!.dueAt).toBe(T0 + 20 * MINUTE);
  });

  it('can still be sent after the end is declared: the end is announced after it', () => {
    const { doc, ctx } = declaredIncident();
    declareEnd(doc, {}, ctx);
    ctx.advance(MINUTE);
    const sent = sendUpdate(doc, { audience: 'internal', template: 'resolution', body: 'All clear', nextUpdateMinutes: null }, ctx);
    expect(projectionOf(doc).snapshot.timeline.at(-1)).toEqual(sent);
  });
});

describe('editing the same field on several machines at once', () => {
  it('keeps every keystroke of every peer, and all replicas read the same text', () => {
    const { doc: a, ctx } = declaredIncident();
    type(a, 'summary', 0, 'Checkout fails.', ctx);
    const b = replicaOf(a);
    const c = replicaOf(a);
    const bo = testContext('Bo');
    const cy = testContext('Cy');
    // Three people type into the same field at the same time, each from where they stand.
    for (let round = 0; round < 4; round++) {
      type(a, 'summary', 0, 'A', ctx);
      type(b, 'summary', status(b).summary.text.length, ` B${round}`, bo);
      type(c, 'summary', 9, '#', cy);
      if (round % 2) exchange(a, b);
      else exchange(b, c);
    }
    exchange(a, b);
    exchange(b, c);
    exchange(a, c);
    const texts = [a, b, c].map((d) => status(d).summary.text);
    expect(new Set(texts).size).toBe(1);
    const text = texts[0]!;
    expect(text.match(/A/g)).toHaveLength(4);
    expect(text.match(/#/g)).toHaveLength(4);
    for (let round = 0; round < 4; round++) expect(text).toContain(`B${round}`);
    expect(text.replace(/[A#]/g, '')).toBe('Checkout fails. B0 B1 B2 B3');
  });

  it('keeps both when two people start typing into an empty field at the same moment', () => {
    const { doc: a, ctx } = declaredIncident();
    const b = replicaOf(a);
    type(a, 'impact', 0, 'EU', ctx);
    type(b, 'impact', 0, 'US', testContext('Bo'));
    exchange(a, b);
    expect(status(a).impact.text).toBe(status(b).impact.text);
    expect(status(a).impact.text).toMatch(/^(EUUS|USEU)$/);
  });
});

describe('incident files with a status document', () => {
  it('carry the document and its updates', () => {
    const { doc, ctx } = declaredIncident();
    type(doc, 'summary', 0, 'Writes fail', ctx);
    sendUpdate(doc, { audience: 'external', template: 'first', body: 'Investigating', nextUpdateMinutes: 20 }, ctx);
    const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const copy = createIncidentDoc(doc.guid);
    Y.applyUpdate(copy, decoded.file.update);
    expect(projectIncident(copy).status.summary.text).toBe('Writes fail');
    expect(projectIncident(copy).timeline.at(-1)).toMatchObject({ kind: 'update', body: 'Investigating' });
  });

  it('are refused when the document holds what Command Post never writes', () => {
    for (const spoil of [
      (doc: Y.Doc) => statusTextOf(doc, 'summary').insert(0, 'x', { bold: true }),
      (doc: Y.Doc) => statusMapOf(doc).set('phase', 'on fire'),
      (doc: Y.Doc) => statusMapOf(doc).set('script', '<img onerror=alert(1)>'),
    ]) {
      const { doc } = declaredIncident();
      spoil(doc);
      const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
      expect(decoded).toMatchObject({ ok: false, problem: 'not-from-command-post' });
    }
  });

  it('from a newer version say so, even when they hold roots this version does not know', () => {
    const { doc } = declaredIncident();
    doc.getMap('a-later-feature').set('x', 1);
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
    expect(decoded).toMatchObject({ ok: false, problem: 'newer-schema' });
    expect(timelineOf(doc).length).toBe(1);
  });
});
