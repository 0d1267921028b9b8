/**
 * The terminal's charts, built from the same extracted series as every report (reportCharts):
 * `rateTextChart` is the one chart of the short summary (achieved ok/s as bars against the
 * target line, with rows marking the seconds that had 429s and errors); `verboseTextCharts` adds
 * latency on a log scale, outcomes and the platform series, each line with its own symbol. Pure.
 */
import type { RunRecord } from '../record/run-record.js';
import { reportCharts, type ChartSpec } from './report-charts.js';
import type { TextChartSeries, TextChartSpec } from './text-chart.js';
import type { StyleName } from './text-style.js';

function other4xx(byStatus: Record<string, number>): number {
  let n = 0;
  for (const [s, c] of Object.entries(byStatus)) if (s.startsWith('4') && s !== '429') n += c;
  return n;
}

/** rateTextChart: null when the record has no timeline. */
export function rateTextChart(record: RunRecord): TextChartSpec | null {
  const t = record.timeline;
  if (t.length === 0) return null;
  return {
    title: 'Achieved vs target rate',
    unit: 'req/s',
    x: t.map((e) => e.second),
    bars: {
      label: 'ok (2xx/3xx) per second',
      values: t.map((e) => e.ok),
      symbol: '█',
      style: 'ok',
    },
    lines: [
      { label: 'target (planned)', values: t.map((e) => e.planned), symbol: '-', style: 'bold' },
    ],
    marks: [
      { label: '429', values: t.map((e) => e.throttled), symbol: '*', style: 'throttle' },
      { label: 'errors', values: t.map((e) => e.errors), symbol: 'x', style: 'bad' },
      { label: '4xx', values: t.map((e) => other4xx(e.byStatus)), symbol: '4', style: 'warn' },
      { label: 'dropped', values: t.map((e) => e.dropped), symbol: 'd', style: 'bad' },
    ],
  };
}

/** Symbol and style of a line by what it means (the same meaning reads the same everywhere). */
function lineLook(label: string, index: number): Pick<TextChartSeries, 'symbol' | 'style'> {
  if (/^ok/.test(label)) return { symbol: 'o', style: 'ok' };
  if (/429|throttl/i.test(label)) return { symbol: '*', style: 'throttle' };
  if (/error/i.test(label)) return { symbol: 'x', style: 'bad' };
  if (/4xx/.test(label)) return { symbol: '4', style: 'warn' };
  const symbols = ['.', '+', '*', '#'];
  const styles: StyleName[] = ['dim', 'bold', 'bad', 'bold'];
  return { symbol: symbols[index % symbols.length], style: styles[index % styles.length] };
}

function fromChart(c: ChartSpec): TextChartSpec {
  return {
    title: c.title,
    unit: c.unit,
    x: c.x,
    lines: c.lines.map((l, i) => ({ label: l.label, values: l.values, ...lineLook(l.label, i) })),
    log: c.id === 'latency',
    note: c.note,
  };
}

/** verboseTextCharts: the rate chart, then latency (log), outcomes and the platform charts. */
export function verboseTextCharts(record: RunRecord): TextChartSpec[] {
  const rate = rateTextChart(record);
  const rest = reportCharts(record)
    .filter((c) => c.id !== 'rate')
    .map(fromChart);
  return rate ? [rate, ...rest] : rest;
}
