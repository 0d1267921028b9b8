/**
 * htmlTimeCharts: the "what happened" charts of the HTML report, all on one time axis (seconds
 * since the start, from 0 to the end of the run in every chart, so one cursor and one zoom fit
 * all): rate and outcomes, latency percentiles (log axis), throttles (the client's 429s beside
 * Lambda's count), concurrency, LMI instances and CPU. Each series carries its meaning and the
 * meaning's colour (SERIES_COLORS). Long runs are reduced for drawing to about 2 × `buckets`
 * points a series by min/max per bucket (minMaxDownsample), so spikes survive. Pure.
 */
import type { RunRecord } from '../record/run-record.js';
import { maxOf } from '../record/extremes.js';
import { minMaxDownsample } from './min-max-downsample.js';
import { reportCharts, type ChartSpec } from './report-charts.js';
import { percentileOf } from './report-tables.js';
import { SERIES_COLORS, type SeriesMeaning } from './series-colors.js';

export interface HtmlSeries {
  label: string;
  meaning: SeriesMeaning;
  color: string;
  /** Drawn dashed: a platform (CloudWatch or model) count beside the client's. */
  dashed?: boolean;
  /** A sampled (platform) series: drawn through the seconds between its datapoints. */
  sampled?: boolean;
  values: Array<number | null>;
}

export interface HtmlTimeChart {
  id: string;
  title: string;
  unit: string;
  /** Logarithmic y axis (latency). */
  log: boolean;
  /** Seconds since the start; the first is 0 and the last the run's end in every chart. */
  x: number[];
  series: HtmlSeries[];
  note?: string;
}

/** Default buckets: about one per pixel of a 1,000 px wide chart. */
export const DRAW_BUCKETS = 1000;

interface Source {
  x: number[];
  values: Array<number | null>;
  label: string;
  meaning: SeriesMeaning;
  dashed?: boolean;
  sampled?: boolean;
}

function series(meaning: SeriesMeaning, label: string, dashed = false, sampled = false) {
  return {
    meaning,
    label,
    color: SERIES_COLORS[meaning],
    ...(dashed ? { dashed } : {}),
    ...(sampled ? { sampled } : {}),
  };
}

/** Puts sources with their own x on one x (their union plus 0 and the end), then downsamples. */
function align(
  id: string,
  title: string,
  unit: string,
  sources: Source[],
  endSec: number,
  buckets: number,
  extra: { log?: boolean; note?: string } = {},
): HtmlTimeChart {
  const xs = new Set<number>([0, endSec]);
  for (const s of sources) for (const x of s.x) xs.add(x);
  const x = [...xs].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const ys = sources.map((s) => {
    const out: Array<number | null> = Array.from({ length: x.length }, () => null);
    s.x.forEach((v, i) => (out[index.get(v)!] = s.values[i]));
    return out;
  });
  const drawn = minMaxDownsample({ x, ys }, buckets);
  return {
    id,
    title,
    unit,
    log: extra.log ?? false,
    x: drawn.x,
    series: sources.map((s, i) => ({
      ...series(s.meaning, s.label, s.dashed, s.sampled),
      values: drawn.ys[i],
    })),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

function other4xx(byStatus: Record<string, number>): number {
  let n = 0;
  for (const [s, c] of Object.entries(byStatus)) if (s.startsWith('4') && s !== '429') n += c;
  return n;
}

/** htmlTimeCharts returns only the charts that have data, in reading order. */
export function htmlTimeCharts(record: RunRecord, buckets = DRAW_BUCKETS): HtmlTimeChart[] {
  const t = record.timeline;
  const platform = new Map<string, ChartSpec>(
    reportCharts(record)
      .filter((c) => ['throttles', 'concurrency', 'instances', 'cpu'].includes(c.id))
      .map((c) => [c.id, c]),
  );
  const lastPlatform = Math.max(0, maxOf([...platform.values()].flatMap((c) => c.x)));
  const endSec = Math.max(t.length > 0 ? t[t.length - 1].second + 1 : 0, lastPlatform);
  const secs = t.map((e) => e.second);
  const fromTimeline = (
    meaning: SeriesMeaning,
    label: string,
    pick: (e: (typeof t)[number]) => number | null,
  ): Source => ({ x: secs, values: t.map(pick), label, meaning });
  const any = (s: Source) => s.values.some((v) => v !== null && v > 0);
  const charts: HtmlTimeChart[] = [];
  if (t.length > 0) {
    const rate = [
      fromTimeline('target', 'target (planned)', (e) => e.planned),
      fromTimeline('ok', 'ok (2xx/3xx)', (e) => e.ok),
      fromTimeline('4xx', 'other 4xx', (e) => other4xx(e.byStatus)),
      fromTimeline('429', '429 throttled', (e) => e.throttled),
      fromTimeline('errors', 'errors (5xx, transport)', (e) => e.errors),
      fromTimeline('dropped', 'dropped by the generator', (e) => e.dropped),
    ].filter((s, i) => i < 2 || any(s));
    charts.push(align('rate', 'Rate and outcomes', 'req/s', rate, endSec, buckets));
    const latency = (['p50', 'p90', 'p95', 'p99'] as const)
      .map((p) =>
        fromTimeline(p, p, (e) => {
          const v = percentileOf(e.latencyMs, p);
          return v !== null && v > 0 ? v : null;
        }),
      )
      .filter((s) => s.values.some((v) => v !== null));
    if (latency.length > 0)
      charts.push(
        align('latency', 'Latency percentiles', 'ms', latency, endSec, buckets, { log: true }),
      );
  }
  const throttles: Source[] = [];
  if (t.some((e) => e.throttled > 0) || platform.has('throttles'))
    throttles.push(fromTimeline('429', '429 throttled (client, per second)', (e) => e.throttled));
  const lambdaThrottles = platform.get('throttles');
  if (lambdaThrottles)
    throttles.push(platformSource(lambdaThrottles, '429', 'Lambda throttles (platform)'));
  if (throttles.length > 0 && (lambdaThrottles || t.length > 0))
    charts.push(
      align('throttles', 'Throttles', 'count', throttles, endSec, buckets, {
        note: lambdaThrottles?.note,
      }),
    );
  const concurrency: Source[] = [];
  if (t.some((e) => e.inFlight !== undefined))
    concurrency.push(fromTimeline('inFlight', 'in flight (client)', (e) => e.inFlight ?? null));
  const lambdaConcurrency = platform.get('concurrency');
  if (lambdaConcurrency)
    concurrency.push(
      platformSource(lambdaConcurrency, 'concurrency', 'Lambda concurrent executions'),
    );
  if (concurrency.length > 0)
    charts.push(
      align('concurrency', 'Concurrency', 'count', concurrency, endSec, buckets, {
        note: lambdaConcurrency?.note,
      }),
    );
  for (const [id, meaning] of [
    ['instances', 'instances'],
    ['cpu', 'cpu'],
  ] as const) {
    const c = platform.get(id);
    if (c)
      charts.push(
        align(id, c.title, c.unit, [platformSource(c, meaning, c.title)], endSec, buckets, {
          note: c.note,
        }),
      );
  }
  return charts;
}

function platformSource(c: ChartSpec, meaning: SeriesMeaning, label: string): Source {
  return {
    x: c.x,
    values: c.lines[0].values,
    label,
    meaning,
    dashed: meaning === '429',
    sampled: true,
  };
}
