/**
 * renderTextChart: a chart for the terminal that reads without colour. The first series may be
 * drawn as bars (block characters, eighth-row resolution); every other series is a line drawn
 * with its own symbol, named in the legend ("* p99  + p90  . p50"), so a plain log or a pipe
 * still says which line is which. Marks are extra rows under the plot (e.g. a `429` row with a
 * symbol in every column that had throttles). The y axis may be logarithmic (latency). Long
 * series are reduced to the plot width by the maximum of each column, so a one-second spike
 * stays visible. Pure.
 */
import { textStyle, visibleLength, type StyleName } from './text-style.js';
import { maxOf, minOf } from '../record/extremes.js';

export interface TextChartSeries {
  label: string;
  values: Array<number | null>;
  /** One character; ignored for bars. */
  symbol: string;
  style?: StyleName;
}

export interface TextChartMark {
  label: string;
  values: Array<number | null>;
  symbol: string;
  style?: StyleName;
}

export interface TextChartSpec {
  title: string;
  unit: string;
  /** Seconds since the start, one per value. */
  x: number[];
  /** Drawn as bars under the lines (e.g. achieved rate), or absent. */
  bars?: TextChartSeries;
  lines: TextChartSeries[];
  marks?: TextChartMark[];
  /** Logarithmic y axis (values <= 0 sit on the floor). */
  log?: boolean;
  note?: string;
}

export interface TextChartOptions {
  width: number;
  /** Plot rows (without title, legend, marks and axis). */
  height: number;
  color: boolean;
}

const LABEL_WIDTH = 8;
const BLOCKS = ' ▁▂▃▄▅▆▇█';

/** Exactly `columns` values: the maximum of each bucket (or each value repeated when shorter). */
export function resampleMax(values: Array<number | null>, columns: number): Array<number | null> {
  if (values.length === 0) return Array.from({ length: columns }, () => null);
  return Array.from({ length: columns }, (_, c) => {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    let max: number | null = null;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v !== null && Number.isFinite(v) && (max === null || v > max)) max = v;
    }
    return max;
  });
}

/** formatClockAxis: seconds as m:ss, or as h:mm when `hours` (a run of an hour or more). */
export function formatClockAxis(seconds: number, hours = seconds >= 3600): string {
  const s = Math.max(0, Math.round(seconds));
  if (hours)
    return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function formatTick(v: number, unit: string): string {
  if (unit === 'ms' && v >= 1000) return `${Number((v / 1000).toPrecision(2))}s`;
  if (Math.abs(v) >= 10_000) return `${Number((v / 1000).toPrecision(3))}k`;
  if (Math.abs(v) >= 100 || Number.isInteger(v)) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(2)).toString();
}

/** A y scale: value -> fraction 0..1 of the plot height. */
interface Scale {
  frac(v: number): number;
  ticks: number[];
}

function linearScale(max: number): Scale {
  const top = niceCeil(max);
  return { frac: (v) => Math.max(0, Math.min(1, v / top)), ticks: [top, top / 2, 0] };
}

function logScale(min: number, max: number): Scale {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-3)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, 1e-3))));
  const ticks: number[] = [];
  for (let e = hi; e >= lo; e--) ticks.push(10 ** e);
  return {
    frac: (v) => (v <= 0 ? 0 : Math.max(0, Math.min(1, (Math.log10(v) - lo) / (hi - lo)))),
    ticks,
  };
}

function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v - 1e-9) return m * p;
  return 10 * p;
}

/** The plot row (0 = top) of a value at `frac` (0..1) of the height. */
function rowOf(frac: number, rows: number): number {
  return rows - 1 - Math.max(0, Math.min(rows - 1, Math.floor(frac * rows - 1e-9)));
}

/** renderTextChart returns the title, legend, plot, mark rows and time axis (no final newline). */
export function renderTextChart(spec: TextChartSpec, options: TextChartOptions): string {
  const paint = textStyle(options.color);
  const columns = Math.max(10, options.width - LABEL_WIDTH - 2);
  const rows = Math.max(2, options.height);
  const bars = spec.bars ? resampleMax(spec.bars.values, columns) : null;
  const lines = spec.lines.map((l) => resampleMax(l.values, columns));
  const all = [...(bars ?? []), ...lines.flat()].filter((v): v is number => v !== null);
  const max = Math.max(0, maxOf(all));
  const positive = all.filter((v) => v > 0);
  const scale = spec.log
    ? logScale(positive.length > 0 ? minOf(positive) : 1, max)
    : linearScale(max);
  const grid: string[][] = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  const styles: Array<Array<StyleName | undefined>> = Array.from({ length: rows }, () =>
    Array<StyleName | undefined>(columns).fill(undefined),
  );
  if (bars) {
    bars.forEach((v, c) => {
      if (v === null) return;
      const eighths = Math.round(scale.frac(v) * rows * 8);
      for (let r = 0; r < rows; r++) {
        const level = eighths - (rows - 1 - r) * 8;
        if (level <= 0) continue;
        grid[r][c] = BLOCKS[Math.min(8, level)];
        styles[r][c] = spec.bars?.style;
      }
    });
  }
  spec.lines.forEach((line, i) => {
    lines[i].forEach((v, c) => {
      // Several lines at zero would sit on each other: zero is drawn for a chart's only line.
      if (v === null || (v === 0 && spec.lines.length > 1)) return;
      const r = rowOf(scale.frac(v), rows);
      // A line over a full bar cell would hide the bar; over an empty or partial cell it shows.
      if (grid[r][c] === '█') return;
      grid[r][c] = line.symbol;
      styles[r][c] = line.style;
    });
  });
  const tickRow = new Map<number, string>();
  for (const t of scale.ticks) {
    const r = rowOf(scale.frac(t), rows);
    if (!tickRow.has(r)) tickRow.set(r, formatTick(t, spec.unit));
  }
  const out: string[] = [];
  out.push(
    paint('bold', `${spec.title} (${spec.unit}${spec.log ? ', log scale' : ''})`) +
      (spec.note ? ` - ${spec.note}` : ''),
  );
  const legend = [
    ...(spec.bars ? [`${paint(spec.bars.style ?? 'bold', '█')} ${spec.bars.label}`] : []),
    ...spec.lines.map((l) => `${paint(l.style ?? 'bold', l.symbol)} ${l.label}`),
    ...(spec.marks ?? [])
      .filter((m) => m.values.some((v) => v !== null && v > 0))
      .map((m) => `${paint(m.style ?? 'bold', m.symbol)} ${m.label}`),
  ];
  out.push(...packLegend(legend, options.width));
  for (let r = 0; r < rows; r++) {
    const label = (tickRow.get(r) ?? '').padStart(LABEL_WIDTH - 1);
    const cells = grid[r].map((ch, c) =>
      styles[r][c] && ch !== ' ' ? paint(styles[r][c]!, ch) : ch,
    );
    out.push(`${label} ┤${cells.join('')}`.trimEnd());
  }
  for (const mark of spec.marks ?? []) {
    const values = resampleMax(mark.values, columns);
    if (!values.some((v) => v !== null && v > 0)) continue;
    const cells = values.map((v) =>
      v !== null && v > 0 ? paint(mark.style ?? 'bold', mark.symbol) : ' ',
    );
    out.push(`${mark.label.padStart(LABEL_WIDTH - 1)} ┤${cells.join('')}`.trimEnd());
  }
  out.push(timeAxis(spec.x, columns));
  return out.join('\n');
}

/** Legend items on as few lines as fit `width` (items never split). */
function packLegend(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && visibleLength(line) + 3 + visibleLength(item) > width) {
      lines.push(line);
      line = item;
    } else line = line === '' ? item : `${line}   ${item}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The x axis: start, middle and end (of the last period) as m:ss, or h:mm from an hour. */
function timeAxis(x: number[], columns: number): string {
  const first = x[0] ?? 0;
  // The end of the last value's period (a second for the timeline, a datapoint's period else).
  const step = x.length > 1 ? x[x.length - 1] - x[x.length - 2] : 1;
  const last = (x[x.length - 1] ?? 0) + step;
  const hours = last >= 3600;
  const [a, m, b] = [first, (first + last) / 2, last].map((v) => formatClockAxis(v, hours));
  const left = ' '.repeat(LABEL_WIDTH) + a;
  const midAt = LABEL_WIDTH + 1 + Math.floor(columns / 2) - Math.floor(m.length / 2);
  const endAt = LABEL_WIDTH + 1 + columns - b.length;
  let line = left;
  if (midAt > line.length + 1 && midAt + m.length < endAt - 1) line = line.padEnd(midAt) + m;
  return line.padEnd(Math.max(line.length + 1, endAt)) + b;
}
