import { useEffect, useMemo, useRef, useState } from 'react';
import { SEVERITIES } from '../../../shared/ics/severity';
import { csvText, CSV_MIME } from '../../../shared/report/csv';
import { AGE_BUCKETS, METRICS_CSV_HEADER, localDay, metricsCsvRows, metricsOf, type Metrics, type MetricsQuery } from '../../../shared/report/metrics';
import { count } from '../../../shared/plural';
import { useNow } from '../../components/useNow';
import { host } from '../../host';
import { addNotice } from '../../stores/notices';
import { useIncidents } from '../../stores/incident';
import { MetricChart, type ChartSpec } from './MetricChart';
import { MetricTable } from './MetricTable';
import './metrics.css';

const PERIODS = [
  { id: '30', label: 'Last 30 days', days: 30 },
  { id: '90', label: 'Last 90 days', days: 90 },
  { id: '365', label: 'Last 12 months', days: 365 },
  { id: 'all', label: 'All time', days: null },
] as const;
type PeriodId = (typeof PERIODS)[number]['id'];

const SEVERITY_TOKENS = ['sev1', 'sev2', 'sev3', 'sev4', 'sev5'] as const;
const AGE_TOKENS = ['ok', 'warn', 'danger'] as const;
const DAY_MS = 86_400_000;

const show = (value: number | null, unit = '') => (value === null ? '–' : `${value}${unit}`);

/** "45 min", "9 h 47 min": a median time as a person says it. */
export function minutesWords(value: number | null): string {
  if (value === null) return '–';
  const total = Math.round(value);
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/**
 * Figures across the incidents on this machine, for the review after a
 * bad week or a quarter: how long responses took to identify, mitigate and
 * resolve, by severity and over time; how well the discipline held (updates
 * on cadence, timeboxes kept, handovers, time on duty past the rotation);
 * and the follow-through that is neglected once the adrenaline is gone
 * (postmortems on time, open action items by owner and age).
 *
 * Made from the catalog rows alone (each ended incident's figures are kept
 * in its row), so it opens at once whatever the number of incidents. Every
 * chart has its table, read by screen readers and shown with "Show the
 * tables"; the CSV holds one row per incident with every figure.
 */
export function MetricsView() {
  const catalog = useIncidents((s) => s.catalog);
  const now = useNow();
  const [period, setPeriod] = useState<PeriodId>('90');
  const [includeDrills, setIncludeDrills] = useState(false);
  const [tables, setTables] = useState(false);
  // Figures move with the day, not the second.
  const today = localDay(now);
  const query = useMemo<MetricsQuery>(() => {
    const days = PERIODS.find((p) => p.id === period)!.days;
    const at = new Date(`${today}T00:00:00`).getTime();
    return { includeDrills, from: days === null ? null : at - days * DAY_MS, to: null, today, now: at };
  }, [period, includeDrills, today]);
  const metrics = useMemo(() => metricsOf(catalog ?? [], query), [catalog, query]);
  const periodField = useRef<HTMLSelectElement>(null);
  // Opened from the list or the palette: the period is what one changes first.
  useEffect(() => periodField.current?.focus(), []);
  const running = (catalog ?? []).filter((c) => c.state === 'active' && (query.from === null || c.declaredAt >= query.from) && (includeDrills || !c.drill)).length;

  async function exportCsv() {
    const text = csvText(METRICS_CSV_HEADER, metricsCsvRows(catalog ?? [], query), { bom: true });
    try {
      const result = await host.saveFile({ suggestedName: `Command-Post-metrics_${today}.csv`, content: text, mimeType: CSV_MIME });
      if (result !== 'cancelled') addNotice('info', host.kind === 'web' ? 'Saved the metrics as CSV to your downloads.' : 'Saved the metrics as CSV.');
    } catch (error) {
      addNotice('error', `The metrics could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section className={`metrics${tables ? ' with-tables' : ''}`} aria-labelledby="metrics-title">
      <div className="metrics-head">
        <a href="#/" className="back" aria-label="Back to incidents">
          ←
        </a>
        <h1 id="metrics-title">Metrics</h1>
        <div className="metrics-controls">
          <label>
            <span className="sr-only">Period</span>
            <select ref={periodField} value={period} onChange={(e) => setPeriod(e.target.value as PeriodId)} aria-label="Period">
              {PERIODS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={includeDrills} onChange={(e) => setIncludeDrills(e.target.checked)} /> Include drills
          </label>
          <label className="check">
            <input type="checkbox" checked={tables} onChange={(e) => setTables(e.target.checked)} /> Show the tables
          </label>
          <button type="button" onClick={() => void exportCsv()} disabled={!metrics.incidents}>
            Export CSV
          </button>
        </div>
      </div>
      <p className="metrics-scope" role="status">
        {scope(metrics, running, includeDrills)}
      </p>
      {metrics.incidents > 0 && <Charts metrics={metrics} />}
    </section>
  );
}

function scope(metrics: Metrics, running: number, includeDrills: boolean): string {
  const measured = `${count(metrics.incidents, 'ended incident')} measured${includeDrills ? ', drills included' : metrics.drillsLeftOut ? `; ${count(metrics.drillsLeftOut, 'drill')} left out` : ''}.`;
  const later = running ? ` ${count(running, 'running incident')} will count once ${running === 1 ? 'it ends' : 'they end'}.` : '';
  return metrics.incidents ? `${measured}${later} By the worst severity each reached; times are medians from the declaration.` : `No ended incident in this period yet.${later}`;
}

function Charts({ metrics }: { metrics: Metrics }) {
  const sev = metrics.bySeverity;
  const specs = useMemo(() => chartSpecs(metrics), [metrics]);
  return (
    <div className="metric-grid">
      <MetricChart
        title="Time to identify, mitigate and resolve, by severity"
        spec={specs.phases}
        summary={`All incidents: identified after ${minutesWords(metrics.all.toIdentifiedMin)}, mitigated after ${minutesWords(metrics.all.toMitigatedMin)}, resolved after ${minutesWords(metrics.all.toResolvedMin)} (medians).`}
      >
        <MetricTable
          caption="Median minutes from the declaration, by severity"
          head={['Severity', 'Incidents', 'To identified', 'To mitigated', 'To resolved']}
          rows={sev.map((f) => [f.severity, String(f.incidents), minutesWords(f.toIdentifiedMin), minutesWords(f.toMitigatedMin), minutesWords(f.toResolvedMin)])}
        />
      </MetricChart>
      <MetricChart title="Incidents by month and severity" spec={specs.months} summary={`${metrics.byMonth.length} ${metrics.byMonth.length === 1 ? 'month' : 'months'} with incidents.`}>
        <MetricTable
          caption="Incidents declared each month, by worst severity"
          head={['Month', ...SEVERITIES]}
          rows={metrics.byMonth.map((m) => [m.month, ...SEVERITIES.map((s) => String(m.bySeverity[s]))])}
        />
      </MetricChart>
      <MetricChart title="Time to identify, mitigate and resolve, by month" spec={specs.trend} summary="Medians of the incidents declared each month: is the response getting faster?">
        <MetricTable
          caption="Median minutes from the declaration, by month"
          head={['Month', 'To identified', 'To mitigated', 'To resolved']}
          rows={metrics.byMonth.map((m) => [m.month, minutesWords(m.toIdentifiedMin), minutesWords(m.toMitigatedMin), minutesWords(m.toResolvedMin)])}
        />
      </MetricChart>
      <MetricChart
        title="Updates on cadence and timeboxes kept"
        spec={specs.discipline}
        summary={`All incidents: ${show(metrics.all.updatesOnCadencePct, '%')} of status updates on cadence, ${show(metrics.all.timeboxesKeptPct, '%')} of timeboxes kept.`}
      >
        <MetricTable
          caption="Shares by severity"
          head={['Severity', 'Updates on cadence', 'Timeboxes kept']}
          rows={sev.map((f) => [f.severity, show(f.updatesOnCadencePct, '%'), show(f.timeboxesKeptPct, '%')])}
        />
      </MetricChart>
      <MetricChart
        title="Handovers and time on duty past the rotation"
        spec={specs.duty}
        summary={`All incidents: ${show(metrics.all.handoversPerIncident)} IC handovers per incident; responders stayed ${show(metrics.all.hoursPastRotation, ' h')} past their rotation in all.`}
      >
        <MetricTable
          caption="By severity"
          head={['Severity', 'IC handovers per incident', 'Hours past the rotation']}
          rows={sev.map((f) => [f.severity, show(f.handoversPerIncident), show(f.hoursPastRotation, ' h')])}
        />
      </MetricChart>
      <MetricChart
        title="Postmortems on time"
        spec={specs.postmortems}
        summary={`All incidents: ${show(metrics.all.postmortemsOnTimePct, '%')} of ${count(metrics.all.postmortemsDue, 'postmortem')} due or finished were reviewed by their due date.`}
      >
        <MetricTable
          caption="Postmortems reviewed by their due date, by severity (those not due yet and unfinished are not counted)"
          head={['Severity', 'On time', 'Counted']}
          rows={sev.map((f) => [f.severity, show(f.postmortemsOnTimePct, '%'), String(f.postmortemsDue)])}
        />
      </MetricChart>
      <MetricChart
        title="Open action items by owner and age"
        spec={specs.actions}
        summary={
          metrics.actionItemsByOwner.length
            ? `${count(metrics.actionItemsByOwner.reduce((n, o) => n + o.total, 0), 'open action item')}, ${count(metrics.actionItemsByOwner.length, 'owner')}.`
            : 'No open action items.'
        }
      >
        <MetricTable
          caption="Open action items by owner, by age"
          head={['Owner', ...AGE_BUCKETS.map((b) => b[0]!.toUpperCase() + b.slice(1)), 'Total', 'Oldest']}
          rows={metrics.actionItemsByOwner.map((o) => [o.owner, ...AGE_BUCKETS.map((b) => String(o.byAge[b])), String(o.total), count(o.oldestDays, 'day')])}
        />
      </MetricChart>
    </div>
  );
}

function chartSpecs(metrics: Metrics): Record<'phases' | 'months' | 'trend' | 'discipline' | 'duty' | 'postmortems' | 'actions', ChartSpec> {
  const sev = metrics.bySeverity;
  const labels = sev.map((f) => f.severity);
  return {
    phases: {
      kind: 'bar',
      labels,
      unit: 'minutes (median)',
      series: [
        { label: 'To identified', colour: 'accent', values: sev.map((f) => f.toIdentifiedMin) },
        { label: 'To mitigated', colour: 'teal', values: sev.map((f) => f.toMitigatedMin) },
        { label: 'To resolved', colour: 'violet', values: sev.map((f) => f.toResolvedMin) },
      ],
    },
    months: {
      kind: 'bar',
      stacked: true,
      labels: metrics.byMonth.map((m) => m.month),
      unit: 'incidents',
      series: SEVERITIES.map((s, i) => ({ label: s, colour: SEVERITY_TOKENS[i]!, values: metrics.byMonth.map((m) => m.bySeverity[s]) })),
    },
    trend: {
      kind: 'line',
      labels: metrics.byMonth.map((m) => m.month),
      unit: 'minutes (median)',
      series: [
        { label: 'To identified', colour: 'accent', values: metrics.byMonth.map((m) => m.toIdentifiedMin) },
        { label: 'To mitigated', colour: 'teal', values: metrics.byMonth.map((m) => m.toMitigatedMin) },
        { label: 'To resolved', colour: 'violet', values: metrics.byMonth.map((m) => m.toResolvedMin) },
      ],
    },
    discipline: {
      kind: 'bar',
      percent: true,
      labels,
      unit: '%',
      series: [
        { label: 'Updates on cadence', colour: 'accent', values: sev.map((f) => f.updatesOnCadencePct) },
        { label: 'Timeboxes kept', colour: 'teal', values: sev.map((f) => f.timeboxesKeptPct) },
      ],
    },
    duty: {
      kind: 'bar',
      labels,
      unit: 'handovers per incident / hours',
      series: [
        { label: 'IC handovers per incident', colour: 'accent', values: sev.map((f) => f.handoversPerIncident) },
        { label: 'Hours past the rotation', colour: 'orange', values: sev.map((f) => f.hoursPastRotation) },
      ],
    },
    postmortems: { kind: 'bar', percent: true, labels, unit: '% on time', series: [{ label: 'On time', colour: 'ok', values: sev.map((f) => f.postmortemsOnTimePct) }] },
    actions: {
      kind: 'bar',
      stacked: true,
      horizontal: true,
      labels: metrics.actionItemsByOwner.map((o) => o.owner),
      unit: 'open action items',
      series: AGE_BUCKETS.map((b, i) => ({ label: b, colour: AGE_TOKENS[i]!, values: metrics.actionItemsByOwner.map((o) => o.byAge[b]) })),
    },
  };
}
