/**
 * renderAsciiChart: one ChartSpec as an asciichart plot for the terminal, downsampled to the
 * terminal width by taking the maximum of each column (so a one-second spike stays visible).
 * Pure; colors only when asked.
 */
import asciichart from 'asciichart';
import type { ChartSpec } from './report-charts.js';
import { maxOf } from '../record/extremes.js';

const LINE_COLORS = [asciichart.blue, asciichart.green, asciichart.red, asciichart.yellow];
/** Characters taken by the y-axis labels and the axis itself. */
const AXIS_WIDTH = 12;

export interface AsciiChartOptions {
  width: number;
  color: boolean;
  height?: number;
}

/** renderAsciiChart returns the title, the legend, the plot and an x-axis line. */
export function renderAsciiChart(chart: ChartSpec, options: AsciiChartOptions): string {
  const columns = Math.max(10, options.width - AXIS_WIDTH - 2);
  const lines = chart.lines.map((l) => resample(fillGaps(l.values), columns));
  const plot = asciichart.plot(lines, {
    height: options.height ?? 8,
    colors: options.color ? LINE_COLORS : [],
    format: (v: number) => formatAxis(v).padStart(AXIS_WIDTH - 2),
  });
  const legend =
    chart.lines.length > 1
      ? chart.lines
          .map((l, i) =>
            options.color
              ? `${LINE_COLORS[i % LINE_COLORS.length]}──${asciichart.reset} ${l.label}`
              : `(${i + 1}) ${l.label}`,
          )
          .join('   ')
      : '';
  const first = chart.x[0] ?? 0;
  const last = chart.x[chart.x.length - 1] ?? 0;
  const [from, to] = [formatSeconds(first), formatSeconds(last)];
  const axis = `${' '.repeat(AXIS_WIDTH - 1)}${from}${' '.repeat(Math.max(1, columns + 1 - from.length - to.length))}${to}`;
  const head = `${chart.title} (${chart.unit})${chart.note ? ` - ${chart.note}` : ''}`;
  return [head, legend, plot, axis].filter((s) => s !== '').join('\n');
}

function fillGaps(values: Array<number | null>): number[] {
  let previous = 0;
  return values.map((v) => {
    if (v !== null && Number.isFinite(v)) previous = v;
    return previous;
  });
}

/**
 * Exactly `columns` values: the maximum of each of `columns` equal buckets when the series is
 * longer, each value repeated (a step plot) when it is shorter.
 */
function resample(values: number[], columns: number): number[] {
  if (values.length === 0) return [0];
  if (values.length <= columns) {
    return Array.from(
      { length: columns },
      (_, c) => values[Math.floor((c * values.length) / columns)],
    );
  }
  const out: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    out.push(maxOf(values.slice(from, to)));
  }
  return out;
}

function formatAxis(v: number): string {
  if (Math.abs(v) >= 10_000) return `${(v / 1000).toFixed(0)}k`;
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return v.toFixed(1);
}

function formatSeconds(s: number): string {
  return s >= 120 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`;
}
