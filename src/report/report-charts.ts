/**
 * reportCharts: the time-series charts every report draws, extracted once from a run record so
 * the terminal (text-chart) and HTML (uPlot) renderers show the same data. Only charts with data
 * are returned. Pure.
 */
import type { PlatformSeries, RunRecord } from '../record/run-record.js';

/** One line of a chart; null values are gaps. */
export interface ChartLine {
  label: string;
  values: Array<number | null>;
  /** Draw only markers at the non-null values (no line), e.g. scenarios on the cost curve. */
  points?: boolean;
}

/** A chart over time: x is seconds since the run started. */
export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  x: number[];
  lines: ChartLine[];
  /** e.g. the period of CloudWatch datapoints, so a 1 s spike in a 60 s point reads as such. */
  note?: string;
  /** Logarithmic y axis (the cost curve spans orders of magnitude at low utilization). */
  logY?: boolean;
}

/** reportCharts returns the charts in report order: rate, latency, status, then platform. */
export function reportCharts(record: RunRecord): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const t = record.timeline;
  if (t.length > 0) {
    const x = t.map((e) => e.second);
    charts.push({
      id: 'rate',
      title: 'Target vs achieved rate',
      unit: 'req/s',
      x,
      lines: [
        { label: 'target', values: t.map((e) => e.planned) },
        { label: 'sent', values: t.map((e) => e.sent) },
        { label: 'ok', values: t.map((e) => e.ok) },
      ],
    });
    charts.push({
      id: 'latency',
      title: 'Latency percentiles',
      unit: 'ms',
      x,
      lines: (['p50', 'p90', 'p99'] as const).map((p) => ({
        label: p,
        values: t.map((e) => (e.latencyMs ? e.latencyMs[p] : null)),
      })),
    });
    charts.push({
      id: 'status',
      title: 'Responses by outcome',
      unit: 'req/s',
      x,
      lines: [
        { label: 'ok (2xx/3xx)', values: t.map((e) => e.ok) },
        { label: 'throttled (429)', values: t.map((e) => e.throttled) },
        { label: 'errors (5xx, transport)', values: t.map((e) => e.errors) },
        { label: 'other 4xx', values: t.map((e) => other4xx(e.byStatus)) },
      ].filter((line, i) => i === 0 || line.values.some((v) => v > 0)),
    });
  }
  const start = Date.parse(record.startedAt);
  const platform: Array<
    [id: string, name: string, title: string, unit: string, combine: 'sum' | 'avg']
  > = [
    ['throttles', 'lambda.throttles', 'Lambda throttles', 'count', 'sum'],
    ['concurrency', 'lambda.concurrent_executions', 'Lambda concurrent executions', 'count', 'sum'],
    ['instances', 'lmi.instances', 'LMI instances', 'count', 'sum'],
    ['cpu', 'lmi.cpu_utilization', 'LMI CPU utilization', '%', 'avg'],
  ];
  for (const [id, name, title, unit, combine] of platform) {
    const series = record.platform.series.filter((s) => s.name === name);
    if (series.length > 0) charts.push(platformChart(id, title, unit, series, start, combine));
  }
  return charts;
}

function other4xx(byStatus: Record<string, number>): number {
  return Object.entries(byStatus).reduce(
    (n, [s, c]) => (s.startsWith('4') && s !== '429' ? n + c : n),
    0,
  );
}

/** Merges same-named series on their timestamps (sum, or average for utilizations, in %). */
export function platformChart(
  id: string,
  title: string,
  unit: string,
  series: PlatformSeries[],
  startMs: number,
  combine: 'sum' | 'avg',
): ChartSpec {
  const byTime = new Map<number, number[]>();
  for (const s of series) {
    const toDisplay = unit === '%' && !/^(percent|%)$/i.test(s.unit) ? 100 : 1;
    for (const [tMs, v] of s.points) byTime.set(tMs, [...(byTime.get(tMs) ?? []), v * toDisplay]);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const values = times.map((tMs) => {
    const vs = byTime.get(tMs)!;
    const sum = vs.reduce((a, b) => a + b, 0);
    return combine === 'sum' ? sum : sum / vs.length;
  });
  const periods = [...new Set(series.map((s) => `${s.periodSec} s ${s.stat} (${s.source})`))];
  return {
    id,
    title,
    unit,
    x: times.map((tMs) => (tMs - startMs) / 1000),
    lines: [{ label: title, values }],
    note: `datapoints: ${periods.join(', ')}`,
  };
}
