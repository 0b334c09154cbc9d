import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addObjective,
  addRole,
  assignTask,
  checkIn,
  decide,
  logEvent,
  projectionOf,
  proposeDecision,
  saveCommsChannel,
  sendUpdate,
  type OrgEvent,
  type PlanEvent,
} from '../../../src/shared/incident';
import { CHART_COLUMNS, CHART_LEVELS, FORM_NUMBERS, buildForm, chartDepth, chartWidth, type ChartBox, type FormNumber, type IcsForm } from '../../../src/shared/report/ics-forms';
import { draftBriefing } from '../../../src/shared/views/briefing';
import { declaredIncident } from '../harness/incident';
import { MINUTE } from '../harness/context';

const HOSTILE = '<script>alert(1)</script> & "quotes" \u202Eevil';
const responderId = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
const roleId = (e: OrgEvent) => (e.org as { roleId: string }).roleId;
const objectiveId = (e: PlanEvent) => (e.plan as { objectiveId: string }).objectiveId;

/** An incident with a bit of everything the forms print. */
function busyIncident() {
  const { doc, ctx } = declaredIncident('Ada Lovelace', { name: '26-Bravo', synopsis: 'Checkout fails for EU customers' });
  const jo = responderId(checkIn(doc, { name: 'Jo Kim', contact: '+1 555 0101', skills: 'Payments' }, ctx));
  const sam = responderId(checkIn(doc, { name: HOSTILE, skills: 'DBA' }, ctx));
  checkIn(doc, { name: 'Lee Waiting', skills: 'Networking' }, ctx);
  const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' }, holderId: jo }, ctx));
  addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tl }, holderId: sam }, ctx);
  addRole(doc, { role: { kind: 'comms-lead' } }, ctx);
  const objective = objectiveId(addObjective(doc, 'Restore checkout for EU customers', ctx));
  assignTask(doc, { objectiveId: objective, text: 'Fail over the payments database', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 15 }, ctx);
  const decision = (proposeDecision(doc, 'Roll back release 4.2', ctx).plan as { decisionId: string }).decisionId;
  decide(doc, { decisionId: decision, outcome: 'adopted' }, ctx);
  logEvent(doc, { kind: 'action', text: 'Paused the deploy pipeline' }, ctx);
  logEvent(doc, { kind: 'status', text: 'Error rate 40% in eu-west' }, ctx);
  saveCommsChannel(doc, { kind: 'chat', name: 'Slack #inc-bravo', reachable: 'all responders' }, ctx);
  saveCommsChannel(doc, { kind: 'bridge', name: 'Ops bridge', address: '+1 555 0100 PIN 4242', reachable: 'IC, leads, execs' }, ctx);
  ctx.advance(10 * MINUTE);
  sendUpdate(doc, { audience: 'internal', template: 'first', body: `Checkout is failing for EU customers.\nNext update in 20 minutes. ${HOSTILE}`, nextUpdateMinutes: 20 }, ctx);
  sendUpdate(doc, { audience: 'external', template: 'update', body: 'Some customers cannot pay.', nextUpdateMinutes: 30 }, ctx);
  return { doc, ctx };
}

const build = (doc: Y.Doc, number: FormNumber, now: number, by = 'Ada Lovelace') => buildForm(number, projectionOf(doc).snapshot, { preparedBy: by, now });

/** Every piece of text a form prints. */
function textOf(form: IcsForm): string {
  const box = (b: ChartBox): string[] => [b.title, b.holder, b.continuedOn ?? '', ...b.children.flatMap(box)];
  return [
    form.title,
    form.header.incidentName,
    form.header.periodText,
    form.header.preparedBy,
    ...form.parts.flatMap((p) => [
      p.heading,
      ...p.sections.flatMap((s) => {
        switch (s.kind) {
          case 'fields':
            return [s.title, ...s.fields.flatMap((f) => [f.label, f.value])];
          case 'lines':
            return [s.title, ...s.lines, s.empty];
          case 'text':
            return [s.title, s.text];
          case 'table':
            return [s.title, ...s.columns.map((c) => c.label), ...s.rows.flat(), s.empty];
          case 'blank':
            return [s.title, s.note];
          case 'chart':
            return [s.title, ...box(s.root)];
        }
      }),
    ]),
  ].join('\n');
}

describe('the ICS forms', () => {
  it('each carries the incident, the operational period and who prepared it, with their role', () => {
    const { doc, ctx } = busyIncident();
    for (const number of FORM_NUMBERS) {
      const form = build(doc, number, ctx.time);
      expect(form.number).toBe(number);
      expect(form.header).toMatchObject({ incidentName: '26-Bravo', preparedBy: 'Ada Lovelace (IC)', drill: false });
      expect(form.header.periodText).toBe('2026-03-14 09:30 UTC to 2026-03-14 09:40 UTC (ongoing)');
      expect(form.parts.length).toBeGreaterThan(0);
    }
    expect(build(doc, '201', ctx.time, 'Jo Kim').header.preparedBy).toBe('Jo Kim (TL)');
    expect(build(doc, '201', ctx.time, 'A Visitor').header.preparedBy).toBe('A Visitor');
  });

  it('201 tells what the handover briefing tells, with a blank for the sketch and the comms plan', () => {
    const { doc, ctx } = busyIncident();
    const text = textOf(build(doc, '201', ctx.time));
    const briefing = draftBriefing(projectionOf(doc).snapshot, { roleId: 'ic', toName: 'Bo', now: ctx.time });
    for (const fact of ['Restore checkout for EU customers', 'Roll back release 4.2', 'Paused the deploy pipeline', 'Error rate 40% in eu-west', 'Waiting in staging: Lee Waiting (Networking)', 'Ops bridge: +1 555 0100 PIN 4242']) {
      expect(text).toContain(fact);
      if (!['Restore checkout for EU customers', 'Roll back release 4.2'].includes(fact)) expect(briefing).toContain(fact);
    }
    expect(build(doc, '201', ctx.time).parts[0]!.sections.some((s) => s.kind === 'blank' && s.title === 'Map or sketch')).toBe(true);
    expect(text).toContain('Task: Fail over the payments database (Jo Kim, due back 2026-03-14 09:45 UTC)');
  });

  it('202 lists objectives and their tasks with one owner and a timebox; 203 every role and who holds it', () => {
    const { doc, ctx } = busyIncident();
    const t202 = textOf(build(doc, '202', ctx.time));
    expect(t202).toMatch(/Restore checkout for EU customers[\s\S]*Fail over the payments database[\s\S]*Jo Kim[\s\S]*2026-03-14 09:45 UTC/);
    const t203 = build(doc, '203', ctx.time);
    const rows = (t203.parts[0]!.sections[0] as { rows: readonly (readonly string[])[] }).rows;
    expect(rows.map((r) => [r[0]!.trim(), r[1]])).toEqual([
      ['Incident Commander', 'Ada Lovelace'],
      ['Tech Lead', 'Jo Kim'],
      ['Database SME', HOSTILE],
      ['Comms Lead', 'not delegated: the IC, Ada Lovelace'],
    ]);
    expect(textOf(t203)).toContain('Lee Waiting');
  });

  it('205 is the communications plan in fallback order; 213 one message a page as sent; 214 one person a page', () => {
    const { doc, ctx } = busyIncident();
    const t205 = textOf(build(doc, '205', ctx.time));
    expect(t205).toContain('If Slack #inc-bravo is down, use Ops bridge (+1 555 0100 PIN 4242).');
    expect(t205).toContain('IC, leads, execs');
    const f213 = build(doc, '213', ctx.time);
    expect(f213.parts.map((p) => p.heading)).toEqual(['Message 1 of 2', 'Message 2 of 2']);
    expect(textOf(f213)).toContain(`Next update in 20 minutes. ${HOSTILE}`);
    const f214 = build(doc, '214', ctx.time);
    expect(f214.parts.map((p) => p.heading)).toEqual(['Ada Lovelace', 'Jo Kim', HOSTILE, 'Lee Waiting']);
    expect(textOf(f214)).toMatch(/Paused the deploy pipeline/);
  });

  it('keeps hostile strings as the text they are', () => {
    const { doc, ctx } = busyIncident();
    for (const number of ['203', '207', '213', '214'] as const) expect(textOf(build(doc, number, ctx.time))).toContain(HOSTILE);
  });

  it('marks a drill and keeps every entry of a long log (the page breaks are the printer’s)', () => {
    const { doc, ctx } = declaredIncident('Ada', { drill: true });
    for (let i = 0; i < 300; i++) logEvent(doc, { kind: 'note', text: `Note number ${i}` }, ctx);
    const form = build(doc, '214', ctx.time, 'Ada');
    expect(form.header.drill).toBe(true);
    const rows = (form.parts[0]!.sections[1] as { rows: readonly (readonly string[])[] }).rows;
    expect(rows.filter((r) => r[2]!.startsWith('Note number'))).toHaveLength(300);
  });

  it('207 fits the chart to a page and continues wide branches on sheets of their own', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const small = build(doc, '207', ctx.time).parts;
    expect(small).toHaveLength(1);
    // Eight team leads under a tech lead, each with two members, and a Scribe: too wide for one page.
    const tl = roleId(addRole(doc, { role: { kind: 'tech-lead' } }, ctx));
    addRole(doc, { role: { kind: 'scribe' } }, ctx);
    for (let t = 0; t < 8; t++) {
      const team = roleId(addRole(doc, { role: { kind: 'team-lead', team: `Team ${t}`, parentId: tl } }, ctx));
      for (let m = 0; m < 2; m++) {
        const who = responderId(checkIn(doc, { name: `Member ${t}-${m}` }, ctx));
        addRole(doc, { role: { kind: 'member', parentId: team }, holderId: who }, ctx);
      }
    }
    const parts = build(doc, '207', ctx.time).parts;
    expect(parts.length).toBeGreaterThan(1);
    const roots = parts.map((p) => (p.sections[0] as { root: ChartBox }).root);
    for (const root of roots) {
      expect(chartWidth(root)).toBeLessThanOrEqual(CHART_COLUMNS);
      expect(chartDepth(root)).toBeLessThanOrEqual(CHART_LEVELS);
    }
    // Every member is drawn exactly once, on some sheet; the cut box says which.
    const all = roots.flatMap(function names(b: ChartBox): string[] {
      return [b.holder, ...b.children.flatMap(names)];
    });
    for (let t = 0; t < 8; t++) for (let m = 0; m < 2; m++) expect(all.filter((n) => n === `Member ${t}-${m}`)).toHaveLength(1);
    const cut = roots[0]!.children.find((c) => c.continuedOn);
    expect(cut?.continuedOn).toBe('sheet 2');
    expect(parts.map((p) => p.heading)).toEqual(['Sheet 1 of 3', `Sheet 2 of 3: ${cut!.title}, continued (reports 1 to 6 of 8)`, `Sheet 3 of 3: ${cut!.title}, continued (reports 7 to 8 of 8)`]);
  });
});
