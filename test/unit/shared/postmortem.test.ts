import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ACTION_ITEMS_ROOT,
  MAX_ACTION_ITEMS,
  POSTMORTEM_SCHEMA_VERSION,
  STATUS_SCHEMA_VERSION,
  actionItemsOf,
  addActionItem,
  assignPostmortemOwner,
  createIncidentDoc,
  declareEnd,
  decodeIncidentFile,
  editPostmortemText,
  encodeIncidentFile,
  gatherFollowups,
  logEvent,
  metaOf,
  postmortemMapOf,
  postmortemTextOf,
  projectionOf,
  removeActionItem,
  replacePostmortemText,
  resolveAndEnd,
  schedulePostmortemMeeting,
  sendUpdate,
  setPostmortemPlaces,
  setPostmortemPolicy,
  startPostmortem,
  updateActionItem,
} from '../../../src/shared/incident';
import { addBusinessDays, businessDaysBetween, formatYmd, isYmd, postmortemDueDate } from '../../../src/shared/ics/business-days';
import { notOnePerson } from '../../../src/shared/ics/one-person';
import { statusDocumentOf } from '../../../src/shared/views/status-document';
import { closingAudiences, draftClosingNotice } from '../../../src/shared/report/closing';
import { DEFAULT_GLOSSARY } from '../../../src/shared/report/glossary';
import { lintUpdate } from '../../../src/shared/report/plain-language';
import { refused } from '../harness/refused';
import { HOUR, MINUTE, T0, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

const incident = (severity: 'SEV-1' | 'SEV-2' = 'SEV-1') => declaredIncident('Ada Lovelace', { severity });
const pm = (doc: Y.Doc) => projectionOf(doc).snapshot.postmortem;
const time = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;

describe('business days', () => {
  it('skip the weekend and do not count the day of the end', () => {
    // 2026-03-13 is a Friday.
    expect(addBusinessDays('2026-03-13', 3)).toBe('2026-03-18');
    expect(addBusinessDays('2026-03-16', 5)).toBe('2026-03-23');
    expect(addBusinessDays('2026-03-14', 1)).toBe('2026-03-16');
    expect(addBusinessDays('2026-03-16', 0)).toBe('2026-03-16');
    expect(businessDaysBetween('2026-03-13', '2026-03-18')).toBe(3);
    expect(businessDaysBetween('2026-03-18', '2026-03-13')).toBe(-3);
  });

  it('give SEV-1 three business days and SEV-2 five, and follow a changed policy', () => {
    expect(postmortemDueDate('SEV-1', '2026-03-13')).toBe('2026-03-18');
    expect(postmortemDueDate('SEV-2', '2026-03-13')).toBe('2026-03-20');
    expect(postmortemDueDate('SEV-1', '2026-03-13', { 'SEV-1': 1, 'SEV-2': 2, 'SEV-3': 3, 'SEV-4': 4, 'SEV-5': 5 })).toBe('2026-03-16');
  });

  it('know a real date from a lookalike, and say it as people read it', () => {
    expect(isYmd('2026-02-28')).toBe(true);
    for (const bad of ['2026-02-30', '2026-2-3', '26-02-03', '2026-13-01', '', 20260203]) expect(isYmd(bad)).toBe(false);
    expect(formatYmd('2026-03-18')).toBe('Wednesday 18 March 2026');
  });
});

describe('one person, never a team', () => {
  it('accepts a name, with or without a note of who they are', () => {
    for (const name of ['Ada Lovelace', 'Jo Kim (DBA)', 'José María', '@dana', 'Li']) expect(notOnePerson(name)).toBeNull();
  });

  it('refuses teams, lists of people, and nobody, each with why', () => {
    expect(notOnePerson('DBA team')).toMatch(/group, not a person/);
    expect(notOnePerson('SRE')).toMatch(/group/);
    expect(notOnePerson('everyone')).toMatch(/group/);
    expect(notOnePerson('Ada and Bo')).toMatch(/more than one person/);
    expect(notOnePerson('Ada, Bo')).toMatch(/more than one person/);
    expect(notOnePerson('Ada & Bo')).toMatch(/more than one person/);
    expect(notOnePerson('@here')).toMatch(/group/);
    expect(notOnePerson('TBD')).toMatch(/group/);
    expect(notOnePerson('  ')).toMatch(/one person by name/);
    expect(notOnePerson('42')).toMatch(/not a person/);
  });
});

describe('the postmortem owner and due date', () => {
  it('gives it to one person with a due date, after the end too, and raises the doc to the postmortem schema', () => {
    const { doc, ctx } = incident();
    declareEnd(doc, {}, ctx);
    assignPostmortemOwner(doc, { owner: 'Grace Hopper', dueDate: '2026-03-18' }, ctx);
    expect(pm(doc)).toMatchObject({ owner: 'Grace Hopper', dueDate: '2026-03-18', ownerAssignedBy: 'Ada Lovelace', editedBy: 'Ada Lovelace' });
    expect(metaOf(doc).get('schemaVersion')).toBe(POSTMORTEM_SCHEMA_VERSION);
  });

  it('refuses a team, several people, a missing name and a bad date, changing nothing', () => {
    const { doc, ctx } = incident();
    expect(refused(() => assignPostmortemOwner(doc, { owner: 'the DBA team', dueDate: '2026-03-18' }, ctx))).toMatch(/group, not a person/);
    expect(refused(() => assignPostmortemOwner(doc, { owner: 'Ada and Bo', dueDate: '2026-03-18' }, ctx))).toMatch(/more than one person/);
    expect(refused(() => assignPostmortemOwner(doc, { owner: '', dueDate: '2026-03-18' }, ctx))).toMatch(/one person by name/);
    expect(refused(() => assignPostmortemOwner(doc, { owner: 'Grace', dueDate: '18/03/2026' }, ctx))).toMatch(/YYYY-MM-DD/);
    expect(refused(() => assignPostmortemOwner(doc, { owner: 'Grace', dueDate: '2020-01-01' }, ctx))).toMatch(/before the incident/);
    expect(pm(doc).owner).toBeNull();
    expect(postmortemMapOf(doc).size).toBe(0);
  });

  it('keeps a per-incident due-date policy, refusing a negative or endless one', () => {
    const { doc, ctx } = incident();
    setPostmortemPolicy(doc, { 'SEV-1': 2, 'SEV-2': 4, 'SEV-3': 10, 'SEV-4': 10, 'SEV-5': 0 }, ctx);
    expect(pm(doc).policy['SEV-1']).toBe(2);
    expect(refused(() => setPostmortemPolicy(doc, { 'SEV-1': -1, 'SEV-2': 4, 'SEV-3': 10, 'SEV-4': 10, 'SEV-5': 0 }, ctx))).toMatch(/negative/);
    expect(refused(() => setPostmortemPolicy(doc, { 'SEV-1': 400, 'SEV-2': 4, 'SEV-3': 10, 'SEV-4': 10, 'SEV-5': 0 }, ctx))).toMatch(/forgotten/);
  });

  it('reads a hostile peer’s values as unset instead of trusting them', () => {
    const { doc } = incident();
    doc.transact(() => {
      postmortemMapOf(doc).set('owner', { name: 'x' });
      postmortemMapOf(doc).set('dueDate', '2026-02-31');
      postmortemMapOf(doc).set('meeting', { at: 'soon' });
      postmortemMapOf(doc).set('policy', { 'SEV-1': -4 });
      actionItemsOf(doc).set('x', { id: 'y', text: 1 });
    });
    expect(pm(doc)).toMatchObject({ owner: null, dueDate: null, meeting: null, actionItems: [] });
    expect(pm(doc).policy['SEV-1']).toBe(3);
  });
});

describe('the postmortem meeting', () => {
  it('is scheduled and moved, each change raising its sequence', () => {
    const { doc, ctx } = incident();
    schedulePostmortemMeeting(doc, { at: T0 + 48 * HOUR, minutes: 30, where: 'Room 4' }, ctx);
    expect(pm(doc).meeting).toEqual({ at: T0 + 48 * HOUR, minutes: 30, where: 'Room 4', sequence: 0 });
    schedulePostmortemMeeting(doc, { at: T0 + 72 * HOUR, minutes: 45, where: '' }, ctx);
    expect(pm(doc).meeting).toEqual({ at: T0 + 72 * HOUR, minutes: 45, where: '', sequence: 1 });
    expect(refused(() => schedulePostmortemMeeting(doc, { at: T0 - HOUR, minutes: 30, where: '' }, ctx))).toMatch(/before the incident/);
    expect(refused(() => schedulePostmortemMeeting(doc, { at: T0 + HOUR, minutes: 2, where: '' }, ctx))).toMatch(/at least 5 minutes/);
  });
});

describe('the draft’s sections', () => {
  it('start with what the incident says, never overwriting what someone typed', () => {
    const { doc, ctx } = incident();
    editPostmortemText(doc, { section: 'overview', index: 0, remove: 0, insert: 'Typed first.' }, ctx);
    startPostmortem(doc, { layout: 'google', drafts: { overview: 'Drafted overview', impact: 'Drafted impact' } }, ctx);
    expect(pm(doc).sections.overview.text).toBe('Typed first.');
    expect(pm(doc).sections.impact.text).toBe('Drafted impact');
    expect(pm(doc)).toMatchObject({ layout: 'google', startedBy: 'Ada Lovelace', startedAt: T0 });
    replacePostmortemText(doc, { section: 'overview', text: 'Drafted again' }, ctx);
    expect(pm(doc).sections.overview.text).toBe('Drafted again');
  });

  it('keep both people’s typing when two replicas write into an empty section at once', () => {
    const { doc, ctx } = incident();
    const other = createIncidentDoc(doc.guid);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    editPostmortemText(doc, { section: 'contributingFactors', index: 0, remove: 0, insert: 'The failover script had no timeout.' }, ctx);
    editPostmortemText(other, { section: 'contributingFactors', index: 0, remove: 0, insert: 'The alert fired late.' }, testContext('Bo'));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    const text = pm(doc).sections.contributingFactors.text;
    expect(text).toContain('The failover script had no timeout.');
    expect(text).toContain('The alert fired late.');
    expect(pm(other).sections.contributingFactors.text).toBe(text);
  });

  it('refuse an edit that does not fit the text as it is', () => {
    const { doc, ctx } = incident();
    expect(refused(() => editPostmortemText(doc, { section: 'impact', index: 3, remove: 1, insert: 'x' }, ctx))).toMatch(/changed meanwhile/);
    expect(refused(() => editPostmortemText(doc, { section: 'nope' as 'impact', index: 0, remove: 0, insert: 'x' }, ctx))).toMatch(/not a section/);
  });
});

describe('action items', () => {
  it('are gathered from the follow-ups once, keep their order, and a removed one does not come back', () => {
    const { doc, ctx } = incident();
    ctx.advance(MINUTE);
    const a = logEvent(doc, { kind: 'followup', text: 'Follow-up: add an alert on replication lag' }, ctx);
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'followup', text: 'TODO - write the failover runbook' }, ctx);
    logEvent(doc, { kind: 'note', text: 'Not a follow-up' }, ctx);
    expect(gatherFollowups(doc, ctx)).toEqual({ added: 2, left: 0 });
    expect(pm(doc).actionItems.map((i) => i.text)).toEqual(['Add an alert on replication lag', 'Write the failover runbook']);
    expect(pm(doc).actionItems[0]).toMatchObject({ owner: '', sourceId: a.id, done: false });
    expect(gatherFollowups(doc, ctx)).toEqual({ added: 0, left: 0 });
    removeActionItem(doc, pm(doc).actionItems[0]!.id, ctx);
    expect(gatherFollowups(doc, ctx)).toEqual({ added: 0, left: 0 });
    expect(pm(doc).actionItems.map((i) => i.text)).toEqual(['Write the failover runbook']);
  });

  it('are gathered only as many as the list holds, saying how many did not fit', () => {
    const { doc, ctx } = incident();
    doc.transact(() => {
      for (let i = 0; i < MAX_ACTION_ITEMS + 2; i++) logEvent(doc, { kind: 'followup', text: `Add check ${i}` }, ctx);
    });
    expect(gatherFollowups(doc, ctx)).toEqual({ added: MAX_ACTION_ITEMS, left: 2 });
    expect(pm(doc).actionItems.at(-1)?.text).toBe(`Add check ${MAX_ACTION_ITEMS - 1}`);
    expect(gatherFollowups(doc, ctx)).toEqual({ added: 0, left: 2 });
    expect(refused(() => addActionItem(doc, { text: 'Add one more check' }, ctx))).toMatch(/at most 500 action items/);
  });

  it('are added and changed, with one person as owner, refusing a team', () => {
    const { doc, ctx } = incident();
    declareEnd(doc, {}, ctx);
    const item = addActionItem(doc, { text: 'Add a timeout to the failover script', owner: 'Grace Hopper', dueDate: '2026-03-27' }, ctx);
    updateActionItem(doc, { id: item.id, done: true }, ctx);
    expect(pm(doc).actionItems).toEqual([expect.objectContaining({ text: 'Add a timeout to the failover script', owner: 'Grace Hopper', done: true })]);
    expect(refused(() => updateActionItem(doc, { id: item.id, owner: 'Platform team' }, ctx))).toMatch(/group/);
    expect(refused(() => addActionItem(doc, { text: '  ' }, ctx))).toMatch(/Write the action item/);
    expect(refused(() => updateActionItem(doc, { id: 'missing', done: true }, ctx))).toMatch(/no longer on the list/);
  });
});

describe('incident files with a postmortem', () => {
  it('carry the postmortem and are accepted', () => {
    const { doc, ctx } = incident();
    assignPostmortemOwner(doc, { owner: 'Grace Hopper', dueDate: '2026-03-18' }, ctx);
    addActionItem(doc, { text: 'Add a timeout', owner: 'Grace Hopper' }, ctx);
    editPostmortemText(doc, { section: 'overview', index: 0, remove: 0, insert: 'A short overview.' }, ctx);
    const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
    expect(decoded.ok).toBe(true);
    const copy = createIncidentDoc(doc.guid);
    if (decoded.ok) Y.applyUpdate(copy, decoded.file.update);
    expect(pm(copy)).toEqual(pm(doc));
  });

  it('refuse a postmortem holding what Command Post never writes', () => {
    for (const damage of [
      (doc: Y.Doc) => postmortemMapOf(doc).set('owner', 42),
      (doc: Y.Doc) => postmortemMapOf(doc).set('surprise', 'x'),
      (doc: Y.Doc) => actionItemsOf(doc).set('a', { nope: true }),
      (doc: Y.Doc) => postmortemTextOf(doc, 'overview').insert(0, 'bold', { bold: true }),
    ]) {
      const { doc } = incident();
      damage(doc);
      const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: T0, exportedBy: 'Ada' }));
      expect(decoded.ok ? 'accepted' : decoded.message).toMatch(/not written by Command Post: its postmortem/);
    }
    expect(ACTION_ITEMS_ROOT).toBe('postmortem:items');
  });
});

describe('the closing notice', () => {
  /** Ended with the status document moved to Resolved first (the end dialog's default), or left where it was. */
  function ended(resolve = true) {
    const { doc, ctx } = incident();
    ctx.advance(2 * MINUTE);
    sendUpdate(doc, { audience: 'internal', template: 'first', body: 'We know.', nextUpdateMinutes: 20 }, ctx);
    ctx.advance(MINUTE);
    sendUpdate(doc, { audience: 'external', template: 'first', body: 'Investigating.', nextUpdateMinutes: 20 }, ctx);
    ctx.advance(MINUTE);
    sendUpdate(doc, { audience: 'internal', template: 'can', body: 'CAN', nextUpdateMinutes: 20 }, ctx);
    ctx.advance(HOUR);
    if (resolve) resolveAndEnd(doc, { summary: 'Rolled back' }, ctx);
    else declareEnd(doc, { summary: 'Rolled back' }, ctx);
    return { doc, ctx };
  }

  it('goes to the same audiences as the start, and knows which were told of the end', () => {
    const { doc, ctx } = ended();
    const snapshot = projectionOf(doc).snapshot;
    const sent = () => [...projectionOf(doc).snapshot.timeline].filter((e) => e.kind === 'update').reverse() as never[];
    let audiences = closingAudiences(sent(), snapshot.header!.endedAt);
    expect(audiences.map((a) => [a.audience, a.toldAtStart?.body, a.closed])).toEqual([
      ['internal', 'We know.', null],
      ['external', 'Investigating.', null],
    ]);
    ctx.advance(MINUTE);
    sendUpdate(doc, { audience: 'internal', template: 'resolution', body: 'Over.', nextUpdateMinutes: null }, ctx);
    audiences = closingAudiences(sent(), snapshot.header!.endedAt);
    expect(audiences[0]!.closed?.body).toBe('Over.');
    expect(audiences[1]!.closed).toBeNull();
    expect(STATUS_SCHEMA_VERSION).toBeLessThan(POSTMORTEM_SCHEMA_VERSION);
  });

  it('tells the internal audience when nobody was told anything', () => {
    expect(closingAudiences([], null).map((a) => a.audience)).toEqual(['internal']);
  });

  it('says it is over, where the postmortem and the follow-ups will be, and thanks; blanks where that is not decided', () => {
    const { doc, ctx } = ended();
    setPostmortemPlaces(doc, { where: 'the Incident Reviews wiki', followupsWhere: 'the OPS tracker' }, ctx);
    const snapshot = projectionOf(doc).snapshot;
    const view = statusDocumentOf(snapshot, ctx.now())!;
    const closing = { endedAt: snapshot.header!.endedAt!, postmortemWhere: 'the Incident Reviews wiki', followupsWhere: 'the OPS tracker', postmortemDue: 'Wednesday 18 March 2026' };
    const internal = draftClosingNotice('internal', view, { time, now: ctx.now() }, closing);
    expect(internal.split('\n')[0]).toBe('26-Bravo (SEV-1): the incident is over');
    expect(internal).toContain('The end of the incident was declared at 10:34 UTC');
    expect(internal).toContain('Postmortem: the Incident Reviews wiki, due by Wednesday 18 March 2026.');
    expect(internal).toContain('Follow-ups: tracked in the OPS tracker.');
    expect(internal).toMatch(/Thank you/);
    const external = draftClosingNotice('external', view, { time, now: ctx.now() }, { ...closing, postmortemWhere: '' });
    expect(external).toContain('will publish it [where customers will find it]');
    expect(external).not.toMatch(/26-Bravo|OPS tracker/);
    expect(external).toMatch(/Thank you for your patience/);
    // Nothing in it for the plain-language lint but the blanks left to fill.
    const warnings = lintUpdate(external, { audience: 'external', template: 'resolution', glossary: DEFAULT_GLOSSARY, names: ['Ada Lovelace'], expectsNextUpdate: false });
    expect(warnings.map((w) => w.rule)).toEqual(['blank', 'blank']);
    expect(internal).toContain('service is working normally');
  });

  it('never says service is back while the document says otherwise: it says what is still being watched', () => {
    const { doc, ctx } = ended(false);
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.status.phase).toBe('investigating');
    const view = statusDocumentOf(snapshot, ctx.now())!;
    const closing = { endedAt: snapshot.header!.endedAt!, postmortemWhere: 'the wiki', followupsWhere: 'the OPS tracker', postmortemDue: null };
    const internal = draftClosingNotice('internal', view, { time, now: ctx.now() }, closing);
    expect(internal.split('\n')[0]).toBe('26-Bravo (SEV-1): the incident is over; its status still says Investigating');
    expect(internal).toContain('The end of the incident was declared at 10:34 UTC. The status document still says Investigating: We are still investigating the cause.');
    expect(internal).toContain('Still being watched: [what is still being watched, by whom, and until when]');
    const external = draftClosingNotice('external', view, { time, now: ctx.now() }, closing);
    expect(external.split('\n')[0]).toBe('Update: our response has ended, and we are still watching');
    expect(external).toContain('What we are still watching: [what is still being watched, and until when]');
    for (const text of [internal, external]) expect(text).not.toMatch(/working normally|back to normal|has been fixed/);
    // The blank is flagged until the sender says what is watched.
    const warnings = lintUpdate(external, { audience: 'external', template: 'resolution', glossary: DEFAULT_GLOSSARY, names: [], expectsNextUpdate: false });
    expect(warnings.map((w) => w.rule)).toContain('blank');
  });

  it('moves the document to Resolved before the end when asked, and logs the phase before the end', () => {
    const { doc, ctx } = ended();
    const snapshot = projectionOf(doc).snapshot;
    expect(snapshot.status.phase).toBe('resolved');
    const [phase, end] = snapshot.timeline.filter((e) => e.kind === 'phase' || e.kind === 'ended');
    expect([phase!.text, end!.kind]).toEqual(['Investigating → Resolved', 'ended']);
    expect(end!.at).toBeGreaterThan(phase!.at);
    expect(statusDocumentOf(snapshot, ctx.now())!.situation).toBe('The incident has ended. Service is back to normal.');
    // A refused end moves nothing: the incident has already ended.
    expect(refused(() => resolveAndEnd(doc, {}, ctx))).toMatch(/ended/);
  });
});
