import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { IC_ROLE_ID, acceptHandover, checkIn, offerHandover, projectionOf } from '../../../src/shared/incident';
import { linkIncident, linkRefusalIn } from '../../../src/shared/incident/link-commands';
import { LINK_SCHEMA_VERSION, metaOf } from '../../../src/shared/incident/schema';
import { peopleInTwoIncidents } from '../../../src/shared/views/cross-incident';
import { listSummary } from '../../../src/shared/views/list-summary';
import { MINUTE, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const ECHO = { id: 'umbrella-1', name: '26-Echo' };
const header = (doc: Y.Doc) => projectionOf(doc).snapshot.header!;

describe('an incident linked under an umbrella response', () => {
  it('names its umbrella in its header after the link, and no more after the unlink, both logged', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const link = linkIncident(doc, { side: 'umbrella', other: ECHO, linked: true }, ctx);
    expect(link.text).toBe('Linked under the umbrella response 26-Echo');
    expect(header(doc).umbrella).toEqual(ECHO);
    expect(listSummary(projectionOf(doc).snapshot)?.umbrella).toEqual(ECHO);
    expect(metaOf(doc).get('schemaVersion')).toBe(LINK_SCHEMA_VERSION);
    ctx.advance(MINUTE);
    linkIncident(doc, { side: 'umbrella', other: ECHO, linked: false }, ctx);
    expect(header(doc).umbrella).toBeUndefined();
    expect(projectionOf(doc).snapshot.timeline.filter((e) => e.kind === 'link')).toHaveLength(2);
  });

  it('lists the incidents under an umbrella in the order they were linked', () => {
    const { doc, ctx } = declaredIncident('Ada', { name: '26-Echo' });
    linkIncident(doc, { side: 'child', other: { id: 'a', name: '26-Alfa' }, linked: true }, ctx);
    linkIncident(doc, { side: 'child', other: { id: 'b', name: '26-Bravo' }, linked: true }, ctx);
    linkIncident(doc, { side: 'child', other: { id: 'a', name: '26-Alfa' }, linked: false }, ctx);
    expect(header(doc).children).toEqual([{ id: 'b', name: '26-Bravo' }]);
  });

  it('is linked by its IC only; a link by someone else that arrives from a peer changes nothing', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const bo = testContext('Bo', ctx.time, 'bo');
    expect(linkRefusalIn(doc, { side: 'umbrella', other: ECHO, linked: true }, bo)).toMatch(/Only the Incident Commander links/);
    expect(() => linkIncident(doc, { side: 'umbrella', other: ECHO, linked: true }, bo)).toThrow(/Only the Incident Commander/);
    // A peer that skipped the check: its entry stays in the log, the header does not follow it.
    const forged = { id: 'forged', kind: 'link', at: ctx.time + MINUTE, loggedAt: ctx.time + MINUTE, author: 'Bo', text: 'Linked', side: 'umbrella', other: ECHO, linked: true };
    doc.getArray('timeline').push([forged]);
    expect(header(doc).umbrella).toBeUndefined();
  });

  it('follows a handover: the new IC links', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const bo = (checkIn(doc, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'Situation: two incidents at once' }, ctx);
    const boCtx = testContext('Bo', ctx.time + MINUTE, 'bo');
    acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, boCtx);
    linkIncident(doc, { side: 'umbrella', other: ECHO, linked: true }, boCtx);
    expect(header(doc).umbrella).toEqual(ECHO);
  });

  it('refuses what would make a tree of umbrellas, itself, or a malformed other incident', () => {
    const { doc, ctx } = declaredIncident('Ada');
    linkIncident(doc, { side: 'child', other: { id: 'a', name: '26-Alfa' }, linked: true }, ctx);
    expect(linkRefusalIn(doc, { side: 'umbrella', other: ECHO, linked: true }, ctx)).toMatch(/umbrella itself/);
    expect(linkRefusalIn(doc, { side: 'umbrella', other: { id: 'incident-1', name: 'me' }, linked: true }, ctx)).toMatch(/itself/);
    expect(() => linkIncident(doc, { side: 'umbrella', other: { id: '../../etc', name: 'x' }, linked: true }, ctx)).toThrow(/not an incident/);
    // A hostile peer's link to an id no route opens is not an event at all.
    doc.getArray('timeline').push([{ id: 'bad', kind: 'link', at: ctx.time + 1, loggedAt: ctx.time + 1, author: 'Ada', text: 'x', side: 'umbrella', other: { id: '<script>', name: 'x' }, linked: true }]);
    expect(projectionOf(doc).snapshot.malformedEntries).toBeGreaterThan(0);
    expect(header(doc).umbrella).toBeUndefined();
  });
});

describe('a person in two incidents at once', () => {
  it('is found by name across the active incidents, whatever the case or spaces', () => {
    const others = [
      { id: 'b', name: '26-Bravo', state: 'active' as const, assigned: [{ name: ' dana  scully', role: 'Scribe' }, { name: 'Bo', role: 'Incident Commander' }] },
      { id: 'c', name: '26-Charlie', state: 'ended' as const, assigned: [{ name: 'Dana Scully', role: 'Tech Lead' }] },
      { id: 'a', name: '26-Alfa', state: 'active' as const, assigned: [{ name: 'Dana Scully', role: 'Ops Lead' }] },
    ];
    expect(peopleInTwoIncidents('a', [{ name: 'Dana Scully', role: 'Ops Lead' }, { name: 'Ada', role: 'Incident Commander' }], others)).toEqual([
      { name: 'Dana Scully', here: ['Ops Lead'], elsewhere: [{ incidentId: 'b', incidentName: '26-Bravo', role: 'Scribe' }] },
    ]);
  });

  it('is listed as holding each role given to them, and the IC as holding command', () => {
    const { doc, ctx } = declaredIncident('Ada');
    checkIn(doc, { name: 'Bo' }, ctx);
    expect(listSummary(projectionOf(doc).snapshot)?.assigned).toEqual([{ name: 'Ada', role: 'Incident Commander' }]);
  });
});
