import { describe, expect, it } from 'vitest';
import {
  IC_ROLE_ID,
  acceptHandover,
  addObjective,
  assignTask,
  checkIn,
  declareEnd,
  logEvent,
  offerHandover,
  projectionOf,
  setStatusPhase,
  setTaskStatus,
  type PlanEvent,
} from '../../../src/shared/incident';
import { addActionItem, assignPostmortemOwner, setPostmortemStatus } from '../../../src/shared/incident/postmortem-commands';
import { incidentMetrics, type IncidentMetrics } from '../../../src/shared/report/incident-metrics';
import { METRICS_CSV_HEADER, metricsCsvRows, metricsOf, postmortemOnTime, type MeasuredIncident } from '../../../src/shared/report/metrics';
import { HOUR, MINUTE, T0, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

/** SEV-1 (updates every 20 min), identified after 15 min, mitigated after 40, resolved after 60, ended after 70. */
function endedIncident() {
  const { doc, ctx } = declaredIncident('Ada');
  const bo = (checkIn(doc, { name: 'Bo' }, ctx).org as { responderId: string }).responderId;
  const objective = (addObjective(doc, 'Restore writes', ctx).plan as { objectiveId: string }).objectiveId;
  const kept = (assignTask(doc, { objectiveId: objective, text: 'Check lag', owner: { kind: 'person', responderId: bo }, timeboxMinutes: 30 }, ctx) as PlanEvent).plan as { taskId: string };
  assignTask(doc, { objectiveId: objective, text: 'Page the vendor', owner: { kind: 'person', responderId: bo }, timeboxMinutes: 5 }, ctx);
  ctx.advance(10 * MINUTE);
  setTaskStatus(doc, { taskId: kept.taskId, status: 'done' }, ctx);
  logEvent(doc, { kind: 'status', text: 'Investigating' }, ctx);
  ctx.advance(5 * MINUTE);
  setStatusPhase(doc, 'identified', ctx);
  ctx.advance(15 * MINUTE);
  const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: bo, briefing: 'Situation: primary down' }, ctx);
  acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, testContext('Bo', ctx.time, 'bo'));
  ctx.advance(10 * MINUTE);
  setStatusPhase(doc, 'monitoring', ctx);
  ctx.advance(20 * MINUTE);
  setStatusPhase(doc, 'resolved', ctx);
  ctx.advance(10 * MINUTE);
  declareEnd(doc, { summary: 'Rolled back' }, ctx);
  assignPostmortemOwner(doc, { owner: 'Bo', dueDate: '2026-03-19' }, ctx);
  addActionItem(doc, { text: 'Add an alert on replication lag above 30 s', owner: 'Bo', dueDate: null }, ctx);
  return { doc, ctx };
}

describe('an ended incident’s figures', () => {
  it('reads the phases, the update deadlines, the timeboxes, the handovers and the postmortem', () => {
    const { doc } = endedIncident();
    const m = incidentMetrics(projectionOf(doc).snapshot)!;
    expect(m).toMatchObject({
      worstSeverity: 'SEV-1',
      toIdentifiedMs: 15 * MINUTE,
      toMitigatedMs: 40 * MINUTE,
      toResolvedMs: 60 * MINUTE,
      durationMs: 70 * MINUTE,
      // Declared, then one status given at 10 min: the next due at 30 min was never met before the end at 70.
      updateDeadlines: 2,
      updatesLate: 1,
      timeboxes: 2,
      timeboxesMissed: 1,
      icHandovers: 1,
      responders: 2,
      postmortem: { status: null, dueDate: '2026-03-19', owner: 'Bo' },
    });
    expect(m.openActionItems).toEqual([expect.objectContaining({ owner: 'Bo' })]);
  });

  it('has none while the incident runs', () => {
    const { doc } = declaredIncident('Ada');
    expect(incidentMetrics(projectionOf(doc).snapshot)).toBeNull();
  });

  it('counts a postmortem reviewed by its due date as on time, and one due and unfinished as late', () => {
    const { doc, ctx } = endedIncident();
    setPostmortemStatus(doc, 'reviewed', ctx);
    const pm = incidentMetrics(projectionOf(doc).snapshot)!.postmortem;
    expect(pm.statusAt).toBe(ctx.time);
    expect(postmortemOnTime(pm, '2026-03-30')).toBe(true);
    expect(postmortemOnTime({ ...pm, statusAt: Date.UTC(2026, 2, 25, 12) }, '2026-03-30')).toBe(false);
    expect(postmortemOnTime({ ...pm, status: 'draft' }, '2026-03-20')).toBe(false);
    expect(postmortemOnTime({ ...pm, status: 'draft' }, '2026-03-18')).toBeNull();
    expect(postmortemOnTime({ ...pm, dueDate: null }, '2026-03-30')).toBeNull();
  });
});

const figures = (over: Partial<IncidentMetrics>): IncidentMetrics => ({
  worstSeverity: 'SEV-2',
  toIdentifiedMs: 10 * MINUTE,
  toMitigatedMs: 30 * MINUTE,
  toResolvedMs: 60 * MINUTE,
  durationMs: 2 * HOUR,
  updateDeadlines: 4,
  updatesLate: 1,
  timeboxes: 4,
  timeboxesMissed: 0,
  icHandovers: 1,
  responders: 3,
  overtimeMs: 0,
  respondersOverRotation: 0,
  postmortem: { status: 'reviewed', statusAt: T0 + 24 * HOUR, dueDate: '2026-03-20', owner: 'Bo' },
  openActionItems: [],
  ...over,
});

const row = (id: string, declaredAt: number, m: IncidentMetrics | undefined, drill = false): MeasuredIncident => ({ id, name: `26-${id}`, drill, declaredAt, endedAt: declaredAt + HOUR, metrics: m });

describe('metrics across incidents', () => {
  const rows = [
    row('Alfa', T0, figures({ worstSeverity: 'SEV-1', toMitigatedMs: 20 * MINUTE, icHandovers: 2, overtimeMs: 90 * MINUTE })),
    row('Bravo', T0 + 24 * HOUR, figures({ worstSeverity: 'SEV-1', toMitigatedMs: 40 * MINUTE, toIdentifiedMs: null, updatesLate: 3, timeboxesMissed: 2 })),
    row('Charlie', T0 + 40 * 24 * HOUR, figures({ postmortem: { status: 'draft', statusAt: null, dueDate: '2026-04-20', owner: 'Cy' }, openActionItems: [{ owner: 'Cy', createdAt: T0, dueDate: null }] })),
    row('Delta', T0 + 2 * HOUR, figures({ worstSeverity: 'SEV-1', toMitigatedMs: 5 * MINUTE }), true),
    row('Echo', T0 + 3 * HOUR, undefined),
  ];
  const query = { includeDrills: false, from: null, to: null, today: '2026-05-01', now: T0 + 50 * 24 * HOUR };

  it('gives medians and shares by worst severity, leaving drills and running incidents out', () => {
    const m = metricsOf(rows, query);
    expect(m.incidents).toBe(3);
    expect(m.drillsLeftOut).toBe(1);
    const sev1 = m.bySeverity.find((f) => f.severity === 'SEV-1')!;
    expect(sev1).toMatchObject({
      incidents: 2,
      toIdentifiedMin: 10,
      toMitigatedMin: 30,
      updatesOnCadencePct: 50,
      timeboxesKeptPct: 75,
      handoversPerIncident: 1.5,
      hoursPastRotation: 1.5,
      postmortemsOnTimePct: 100,
    });
    // Charlie's postmortem is due and still a draft: late.
    expect(m.bySeverity.find((f) => f.severity === 'SEV-2')).toMatchObject({ incidents: 1, postmortemsOnTimePct: 0, postmortemsDue: 1 });
    expect(m.bySeverity.map((f) => f.severity)).toEqual(['SEV-1', 'SEV-2']);
  });

  it('counts drills when asked, and a period by the declaration', () => {
    expect(metricsOf(rows, { ...query, includeDrills: true }).bySeverity[0]).toMatchObject({ incidents: 3, toMitigatedMin: 20 });
    expect(metricsOf(rows, { ...query, from: T0 + HOUR, to: T0 + 30 * 24 * HOUR }).incidents).toBe(1);
  });

  it('groups by month and gives open action items by owner and age', () => {
    const m = metricsOf(rows, query);
    expect(m.byMonth.map((b) => [b.month, b.bySeverity['SEV-1'], b.bySeverity['SEV-2']])).toEqual([
      ['2026-03', 2, 0],
      ['2026-04', 0, 1],
    ]);
    expect(m.actionItemsByOwner).toEqual([{ owner: 'Cy', byAge: { 'under a week': 0, '1 to 4 weeks': 0, 'over 4 weeks': 1 }, total: 1, oldestDays: 50 }]);
  });

  it('writes one CSV row per incident measured, each figure in its column', () => {
    const csv = metricsCsvRows(rows, query);
    expect(csv.map((r) => r[0])).toEqual(['26-Alfa', '26-Bravo', '26-Charlie']);
    expect(csv[0]!).toHaveLength(METRICS_CSV_HEADER.length);
    expect(csv[2]!.slice(-4)).toEqual(['draft', '2026-04-20', 'no', '1']);
  });
});
