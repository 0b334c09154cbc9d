/**
 * Metrics across incidents, from each ended incident's figures
 * (incident-metrics.ts, kept in its catalog row): pure functions of those
 * rows, the period asked for and today's date, so the charts, their tables
 * and the CSV say the same thing.
 *
 * Incidents are grouped by the worst severity they reached (how bad it got,
 * not where it ended), and by the month they were declared in. Medians,
 * not means: one incident left open over a weekend would otherwise move
 * every figure. Drills are left out unless asked for: practice is not a
 * response.
 */
import { SEVERITIES, type Severity } from '../ics/severity';
import type { IncidentMetrics } from './incident-metrics';

/** What the metrics need of an incident: its catalog row's header and figures. */
export interface MeasuredIncident {
  readonly id: string;
  readonly name: string;
  readonly drill: boolean;
  readonly declaredAt: number;
  readonly endedAt: number | null;
  readonly metrics?: IncidentMetrics;
}

export interface MetricsQuery {
  readonly includeDrills: boolean;
  /** Declared on or after / before these times; null for no bound. */
  readonly from: number | null;
  readonly to: number | null;
  /** Today, as a local YYYY-MM-DD: a postmortem due before it and unfinished is late. */
  readonly today: string;
  /** Now: an open action item's age. */
  readonly now: number;
}

export interface Figures {
  readonly incidents: number;
  /** Medians in minutes; null when no incident of this severity logged that phase. */
  readonly toIdentifiedMin: number | null;
  readonly toMitigatedMin: number | null;
  readonly toResolvedMin: number | null;
  /** Shares in percent; null when there was nothing to count. */
  readonly updatesOnCadencePct: number | null;
  readonly timeboxesKeptPct: number | null;
  readonly handoversPerIncident: number | null;
  /** Summed over the incidents' responders, in hours. */
  readonly hoursPastRotation: number;
  readonly postmortemsOnTimePct: number | null;
  /** Postmortems counted for that share: finished, or due and not. */
  readonly postmortemsDue: number;
}

export interface SeverityFigures extends Figures {
  readonly severity: Severity;
}

export interface MonthFigures {
  /** YYYY-MM, local. */
  readonly month: string;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Medians in minutes of that month's incidents; null when none logged that phase. */
  readonly toIdentifiedMin: number | null;
  readonly toMitigatedMin: number | null;
  readonly toResolvedMin: number | null;
}

export const AGE_BUCKETS = ['under a week', '1 to 4 weeks', 'over 4 weeks'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface OwnerFigures {
  readonly owner: string;
  readonly byAge: Readonly<Record<AgeBucket, number>>;
  readonly total: number;
  /** The oldest item's age, in days. */
  readonly oldestDays: number;
}

export interface Metrics {
  readonly incidents: number;
  readonly drillsLeftOut: number;
  readonly bySeverity: readonly SeverityFigures[];
  readonly byMonth: readonly MonthFigures[];
  readonly actionItemsByOwner: readonly OwnerFigures[];
  /** Every incident measured, whatever its severity. */
  readonly all: Figures;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const pct = (part: number, whole: number) => (whole ? round1((100 * part) / whole) : null);
const minutes = (values: readonly (number | null)[]) => round1(median(values.filter((v): v is number => v !== null).map((v) => v / MINUTE_MS)));

/** The local calendar date of `at`, as YYYY-MM-DD. */
export function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** On time: finished (reviewed or closed) on or before its due date. Late: finished after it, or due and unfinished. Otherwise not counted. */
export function postmortemOnTime(pm: IncidentMetrics['postmortem'], today: string): boolean | null {
  if (!pm.dueDate) return null;
  const finished = (pm.status === 'reviewed' || pm.status === 'closed') && pm.statusAt !== null;
  if (finished) return localDay(pm.statusAt!) <= pm.dueDate;
  return pm.dueDate < today ? false : null;
}

function figuresOf(incidents: readonly IncidentMetrics[], today: string): Figures {
  const deadlines = incidents.reduce((n, m) => n + m.updateDeadlines, 0);
  const late = incidents.reduce((n, m) => n + m.updatesLate, 0);
  const timeboxes = incidents.reduce((n, m) => n + m.timeboxes, 0);
  const missed = incidents.reduce((n, m) => n + Math.min(m.timeboxesMissed, m.timeboxes), 0);
  const judged = incidents.map((m) => postmortemOnTime(m.postmortem, today)).filter((v): v is boolean => v !== null);
  return {
    incidents: incidents.length,
    toIdentifiedMin: minutes(incidents.map((m) => m.toIdentifiedMs)),
    toMitigatedMin: minutes(incidents.map((m) => m.toMitigatedMs)),
    toResolvedMin: minutes(incidents.map((m) => m.toResolvedMs)),
    updatesOnCadencePct: pct(deadlines - late, deadlines),
    timeboxesKeptPct: pct(timeboxes - missed, timeboxes),
    handoversPerIncident: incidents.length ? round1(incidents.reduce((n, m) => n + m.icHandovers, 0) / incidents.length) : null,
    hoursPastRotation: round1(incidents.reduce((n, m) => n + m.overtimeMs, 0) / 3_600_000) ?? 0,
    postmortemsOnTimePct: pct(judged.filter(Boolean).length, judged.length),
    postmortemsDue: judged.length,
  };
}

function ageBucket(ageMs: number): AgeBucket {
  return ageMs < 7 * DAY_MS ? 'under a week' : ageMs < 28 * DAY_MS ? '1 to 4 weeks' : 'over 4 weeks';
}

export function metricsOf(rows: readonly MeasuredIncident[], query: MetricsQuery): Metrics {
  const inPeriod = rows.filter((r) => (query.from === null || r.declaredAt >= query.from) && (query.to === null || r.declaredAt < query.to));
  const drills = inPeriod.filter((r) => r.drill).length;
  const measured = inPeriod.filter((r) => (query.includeDrills || !r.drill) && r.metrics) as (MeasuredIncident & { metrics: IncidentMetrics })[];
  const bySeverity = SEVERITIES.map((severity) => ({ severity, ...figuresOf(measured.filter((r) => r.metrics.worstSeverity === severity).map((r) => r.metrics), query.today) })).filter(
    (f) => f.incidents > 0,
  );

  const months = new Map<string, (MeasuredIncident & { metrics: IncidentMetrics })[]>();
  for (const r of measured) {
    const month = localDay(r.declaredAt).slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), r]);
  }
  const byMonth = [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => ({
      month,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, list.filter((r) => r.metrics.worstSeverity === s).length])) as Record<Severity, number>,
      toIdentifiedMin: minutes(list.map((r) => r.metrics.toIdentifiedMs)),
      toMitigatedMin: minutes(list.map((r) => r.metrics.toMitigatedMs)),
      toResolvedMin: minutes(list.map((r) => r.metrics.toResolvedMs)),
    }));

  const owners = new Map<string, { byAge: Record<AgeBucket, number>; total: number; oldest: number }>();
  for (const r of measured) {
    for (const item of r.metrics.openActionItems) {
      const owner = item.owner.trim() || 'No owner';
      const o = owners.get(owner) ?? { byAge: { 'under a week': 0, '1 to 4 weeks': 0, 'over 4 weeks': 0 }, total: 0, oldest: 0 };
      const age = Math.max(0, query.now - item.createdAt);
      o.byAge[ageBucket(age)]++;
      o.total++;
      o.oldest = Math.max(o.oldest, age);
      owners.set(owner, o);
    }
  }
  const actionItemsByOwner = [...owners.entries()]
    .map(([owner, o]) => ({ owner, byAge: o.byAge, total: o.total, oldestDays: Math.floor(o.oldest / DAY_MS) }))
    .sort((a, b) => b.total - a.total || b.oldestDays - a.oldestDays || a.owner.localeCompare(b.owner));

  return {
    incidents: measured.length,
    drillsLeftOut: query.includeDrills ? 0 : drills,
    bySeverity,
    byMonth,
    actionItemsByOwner,
    all: figuresOf(measured.map((r) => r.metrics), query.today),
  };
}

/** One row per incident measured, with every figure the charts are made from: the CSV a team takes elsewhere. */
export const METRICS_CSV_HEADER = [
  'Incident',
  'Drill',
  'Worst severity',
  'Declared (UTC)',
  'Ended (UTC)',
  'Minutes to identified',
  'Minutes to mitigated',
  'Minutes to resolved',
  'Update deadlines',
  'Updates late',
  'Timeboxes',
  'Timeboxes missed',
  'IC handovers',
  'Responders',
  'Hours past rotation',
  'Postmortem status',
  'Postmortem due',
  'Postmortem on time',
  'Open action items',
] as const;

export function metricsCsvRows(rows: readonly MeasuredIncident[], query: MetricsQuery): string[][] {
  const min = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / MINUTE_MS)));
  return rows
    .filter((r) => r.metrics && (query.includeDrills || !r.drill) && (query.from === null || r.declaredAt >= query.from) && (query.to === null || r.declaredAt < query.to))
    .sort((a, b) => a.declaredAt - b.declaredAt)
    .map((r) => {
      const m = r.metrics!;
      const onTime = postmortemOnTime(m.postmortem, query.today);
      return [
        r.name,
        r.drill ? 'yes' : 'no',
        m.worstSeverity,
        new Date(r.declaredAt).toISOString(),
        r.endedAt === null ? '' : new Date(r.endedAt).toISOString(),
        min(m.toIdentifiedMs),
        min(m.toMitigatedMs),
        min(m.toResolvedMs),
        String(m.updateDeadlines),
        String(m.updatesLate),
        String(m.timeboxes),
        String(m.timeboxesMissed),
        String(m.icHandovers),
        String(m.responders),
        String(Math.round(m.overtimeMs / 360_000) / 10),
        m.postmortem.status ?? 'not started',
        m.postmortem.dueDate ?? '',
        onTime === null ? '' : onTime ? 'yes' : 'no',
        String(m.openActionItems.length),
      ];
    });
}
