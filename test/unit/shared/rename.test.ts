import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  IC_ROLE_ID,
  MAX_NAME,
  RENAME_SCHEMA_VERSION,
  SCHEMA_VERSION,
  acceptHandover,
  checkIn,
  declareEnd,
  isTimelineEvent,
  metaOf,
  offerHandover,
  projectIncident,
  projectionOf,
  renameIncident,
  timelineOf,
  type OrgEvent,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { declaredIncident } from '../harness/incident';
import { refused } from '../harness/refused';
import { MINUTE, testContext } from '../harness/context';

const header = (doc: Y.Doc) => projectionOf(doc).snapshot.header!;
const responderId = (e: OrgEvent) => (e.org as { responderId: string }).responderId;

/** Two replicas of one incident: what one has, the other gets. */
function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ guid: doc.guid });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('renameIncident', () => {
  it('renames the incident and logs it with the old name and why', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    ctx.advance(MINUTE);
    const event = renameIncident(doc, { to: ' 26-Alfa-2 ', reason: 'name taken by another incident on this machine' }, ctx);
    expect(event).toMatchObject({ kind: 'renamed', from: '26-Alfa', to: '26-Alfa-2', author: 'Ada' });
    expect(event.text).toBe('Renamed 26-Alfa to 26-Alfa-2: name taken by another incident on this machine');
    expect(header(doc)).toMatchObject({ name: '26-Alfa-2', formerNames: ['26-Alfa'] });
    expect(timelineOf(doc).toArray().at(-1)).toEqual(event);
  });

  it('keeps every former name once, oldest first, and drops one the incident goes by again', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    renameIncident(doc, { to: '26-Alfa-2' }, ctx);
    renameIncident(doc, { to: 'Checkout' }, ctx);
    expect(header(doc).formerNames).toEqual(['26-Alfa', '26-Alfa-2']);
    renameIncident(doc, { to: '26-ALFA' }, ctx);
    expect(header(doc)).toMatchObject({ name: '26-ALFA', formerNames: ['26-Alfa-2', 'Checkout'] });
  });

  it('leaves the header without former names until a rename', () => {
    const { doc } = declaredIncident('Ada', { name: '26-Alfa' });
    expect(header(doc).formerNames).toBeUndefined();
  });

  it('refuses a name that is blank, too long, on two lines, with control characters, or the same', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    expect(refused(() => renameIncident(doc, { to: '   ' }, ctx))).toBe('The incident name is required.');
    expect(refused(() => renameIncident(doc, { to: 'x'.repeat(MAX_NAME + 1) }, ctx))).toBe(`The incident name is at most ${MAX_NAME} characters.`);
    expect(refused(() => renameIncident(doc, { to: 'a\nb' }, ctx))).toBe('The incident name must fit on one line.');
    expect(refused(() => renameIncident(doc, { to: '26-Alfa\u0007' }, ctx))).toMatch(/must not hold control characters/);
    expect(refused(() => renameIncident(doc, { to: '26-Alfa' }, ctx))).toBe('The incident is already called 26-Alfa.');
    expect(refused(() => renameIncident(doc, { to: '26-Bravo', reason: 'two\nlines' }, ctx))).toBe('The reason must fit on one line.');
    expect(timelineOf(doc).length).toBe(1);
  });

  it('lets the IC fix only the case of the name', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-alfa' });
    renameIncident(doc, { to: '26-Alfa' }, ctx);
    expect(header(doc)).toMatchObject({ name: '26-Alfa' });
    expect(header(doc).formerNames).toBeUndefined();
  });

  it('raises the doc to the version that knows renames', () => {
    const { doc, ctx } = declaredIncident('Ada');
    renameIncident(doc, { to: '26-Bravo-2' }, ctx);
    expect(metaOf(doc).get('schemaVersion')).toBe(RENAME_SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(RENAME_SCHEMA_VERSION);
  });

  it('renames an ended incident too: a collision can be found after the end', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    declareEnd(doc, {}, ctx);
    renameIncident(doc, { to: '26-Alfa-2' }, ctx);
    expect(header(doc)).toMatchObject({ name: '26-Alfa-2', state: 'ended' });
  });

  it('sorts after the declaration and the renames it saw, on a computer whose clock is behind', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    const behind = testContext('Ada', ctx.time - 10 * MINUTE, 'behind');
    const first = renameIncident(doc, { to: '26-Alfa-2' }, behind);
    expect(first.at).toBeGreaterThan(ctx.time);
    const second = renameIncident(doc, { to: '26-Alfa-3' }, behind);
    expect(second.at).toBeGreaterThan(first.at);
    expect(header(doc).name).toBe('26-Alfa-3');
  });
});

describe('who may rename', () => {
  it('refuses anyone but the IC, naming the IC', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    checkIn(doc, { name: 'Bo' }, ctx);
    expect(refused(() => renameIncident(doc, { to: '26-Alfa-2' }, testContext('Bo', ctx.time, 'bo')))).toBe(
      'Only the Incident Commander renames the incident, and Ada is the IC: ask them, or log it for them (Alt+A).',
    );
    expect(header(doc).name).toBe('26-Alfa');
  });

  it('lets the Scribe log the IC’s rename for the IC', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    checkIn(doc, { name: 'Bo' }, ctx);
    const scribe = { ...testContext('Bo', ctx.time, 'bo'), onBehalfOf: { role: IC_ROLE_ID } };
    const event = renameIncident(doc, { to: '26-Alfa-2' }, scribe);
    expect(event).toMatchObject({ author: 'Bo', for: { name: 'Ada', role: 'IC' } });
    expect(header(doc).name).toBe('26-Alfa-2');
  });

  it('follows command: after a handover the new IC renames, the old one may not', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    const bo = responderId(checkIn(doc, { name: 'Bo' }, ctx));
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'b' }, ctx);
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ctx.time, 'bo'));
    expect(refused(() => renameIncident(doc, { to: '26-Alfa-2' }, ctx))).toMatch(/Bo is the IC/);
    renameIncident(doc, { to: '26-Alfa-2' }, testContext('Bo', ctx.time + MINUTE, 'bo2'));
    expect(header(doc).name).toBe('26-Alfa-2');
  });

  it('keeps a rename by someone else from a peer or a file in the log, marked, and changes nothing', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    checkIn(doc, { name: 'Bo' }, ctx);
    const forged: TimelineEvent = { id: 'forged', kind: 'renamed', at: ctx.time + MINUTE, loggedAt: ctx.time + MINUTE, author: 'Bo', text: 'Renamed 26-Alfa to Bo’s', from: '26-Alfa', to: 'Bo’s' };
    doc.transact(() => timelineOf(doc).push([forged]), 'peer');
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.header!.name).toBe('26-Alfa');
    expect(snapshot.refusedRenames.get('forged')).toMatch(/Ada is the IC/);
    expect(snapshot.timeline.some((e) => e.id === 'forged')).toBe(true);
    // The same answer from scratch as incrementally.
    expect(projectIncident(doc).refusedRenames.get('forged')).toMatch(/Ada is the IC/);
  });

  it('drops a peer’s rename whose new name is not a name (blank, too long, control characters) as malformed', () => {
    const base = { id: 'x', kind: 'renamed', at: 1, loggedAt: 1, author: 'Ada', text: 't', from: '26-Alfa' };
    expect(isTimelineEvent({ ...base, to: '26-Alfa-2' })).toBe(true);
    expect(isTimelineEvent({ ...base, to: ' ' })).toBe(false);
    expect(isTimelineEvent({ ...base, to: 'x'.repeat(MAX_NAME + 1) })).toBe(false);
    expect(isTimelineEvent({ ...base, to: 'a\nb' })).toBe(false);
    expect(isTimelineEvent({ ...base, to: 42 })).toBe(false);
    expect(isTimelineEvent({ ...base, from: 'x'.repeat(10_000), to: 'ok' })).toBe(false);
  });
});

describe('concurrent renames', () => {
  it('converge on the later one on every replica, both kept in the log', () => {
    const { doc: a, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    const b = replicaOf(a);
    checkIn(a, { name: 'Bo' }, ctx);
    syncBoth(a, b);
    // The IC on one machine, the Scribe logging for the IC on the other, at once.
    renameIncident(a, { to: '26-Alfa-2' }, testContext('Ada', ctx.time + MINUTE, 'a'));
    renameIncident(b, { to: '26-Alfa-3' }, { ...testContext('Bo', ctx.time + 2 * MINUTE, 'b'), onBehalfOf: { role: IC_ROLE_ID } });
    expect(header(a).name).toBe('26-Alfa-2');
    expect(header(b).name).toBe('26-Alfa-3');
    syncBoth(a, b);
    expect(header(a).name).toBe('26-Alfa-3');
    expect(header(b)).toEqual(header(a));
    expect(header(a).formerNames).toEqual(['26-Alfa', '26-Alfa-2']);
    const renames = (d: Y.Doc) => projectionOf(d).snapshot.timeline.toArray().filter((e) => e.kind === 'renamed').map((e) => e.text);
    expect(renames(a)).toEqual(['Renamed 26-Alfa to 26-Alfa-2', 'Renamed 26-Alfa to 26-Alfa-3']);
    expect(renames(b)).toEqual(renames(a));
  });

  it('settles a tie in time by entry id, the same way on both replicas', () => {
    const { doc: a, ctx } = declaredIncident('Ada', { name: '26-Alfa' });
    const b = replicaOf(a);
    const at = ctx.time + MINUTE;
    renameIncident(a, { to: 'From A' }, testContext('Ada', at, 'a'));
    renameIncident(b, { to: 'From B' }, testContext('Ada', at, 'b'));
    syncBoth(a, b);
    expect(header(a).name).toBe('From B');
    expect(header(b).name).toBe('From B');
  });
});
