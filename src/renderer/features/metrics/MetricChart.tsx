import { useEffect, useRef, useState, type ReactNode } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { useTheme } from '../../stores/theme';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  readonly label: string;
  /** A token of tokens.css (without the leading --): the theme decides the colour. */
  readonly colour: string;
  readonly values: readonly (number | null)[];
}

export interface ChartSpec {
  readonly kind: 'bar' | 'line';
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  readonly unit: string;
  readonly stacked?: boolean;
  readonly horizontal?: boolean;
  /** A share, 0 to 100. */
  readonly percent?: boolean;
}

/** A token's colour as the page resolves it now (tokens are light-dark() pairs, which only the browser resolves). */
function resolved(probe: HTMLElement, token: string): string {
  probe.style.color = `var(--${token})`;
  return getComputedStyle(probe).color;
}

/**
 * A chart of the metrics view, drawn with Chart.js on a canvas. The canvas
 * is hidden from assistive technology: the table below it (given as
 * children) carries the same figures, and is what a screen reader reads.
 * Colours come from the theme's tokens and are read again when the theme
 * changes, so the chart is as readable in dark as in light.
 */
export function MetricChart({ title, spec, summary, children }: { title: string; spec: ChartSpec; summary: string; children: ReactNode }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const theme = useTheme((s) => s.choice);
  const [schemeTick, setSchemeTick] = useState(0);
  useEffect(() => {
    // The OS's scheme changes the tokens too while the app follows it.
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSchemeTick((n) => n + 1);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    if (!canvas.current || !probe.current) return;
    const colour = (token: string) => resolved(probe.current!, token);
    const text = colour('text');
    const muted = colour('muted');
    const grid = colour('line');
    const valueAxis = { stacked: spec.stacked, beginAtZero: true, max: spec.percent ? 100 : undefined, ticks: { color: muted }, grid: { color: grid }, title: { display: true, text: spec.unit, color: muted } };
    const categoryAxis = { stacked: spec.stacked, ticks: { color: text }, grid: { display: false } };
    const chart = new Chart(canvas.current, {
      type: spec.kind,
      data: {
        labels: [...spec.labels],
        datasets: spec.series.map((s) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: colour(s.colour),
          borderColor: colour(s.colour),
          borderWidth: spec.kind === 'line' ? 2 : 0,
          spanGaps: true,
        })),
      },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: spec.series.length > 1, labels: { color: text } }, tooltip: { enabled: true } },
        scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    return () => chart.destroy();
  }, [spec, theme, schemeTick]);
  return (
    <figure className="metric-chart">
      <figcaption>{title}</figcaption>
      <p className="muted metric-summary">{summary}</p>
      <div className="metric-canvas" style={{ height: spec.horizontal ? Math.max(140, 36 * spec.labels.length + 60) : 240 }}>
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <span ref={probe} hidden />
      {children}
    </figure>
  );
}
