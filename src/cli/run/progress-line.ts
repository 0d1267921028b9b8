/**
 * renderProgressLine: the live view's one line, built from the newest *completed* second of the
 * coordinator's merged timeline (rate and percentiles of that second, counted by planned send
 * second, so a steady 1,000 req/s reads 1,000 every second) plus the running totals. The line
 * always fits `width - 1` columns: below 100 columns, fields are dropped by priority (outcome
 * breakdown, in flight, dropped, percentiles), never wrapped. Pure.
 */
import type { TimelineEntry, Totals } from '../../record/run-record.js';
import { formatCount } from '../../report/format-values.js';
import { ANSI_PATTERN, textStyle, visibleLength, type Paint } from '../../report/text-style.js';

export interface ProgressState {
  /** Wall time since the run's start instant. */
  elapsedMs: number;
  /** The schedule's length. */
  totalMs: number;
  /** The newest second every worker has closed (merged), or null before the first. */
  second: TimelineEntry | null;
  /** Requests in flight across workers (the newest live counters). */
  inFlight: number;
  /** Every request so far, complete seconds or not. */
  totals: Totals;
}

export interface ProgressLineOptions {
  /** Terminal columns; the line takes at most `width - 1` (no auto-wrap at the last column). */
  width: number;
  color: boolean;
}

/** formatClock: milliseconds as m:ss (h:mm:ss from an hour), for progress lines. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function classCount(totals: Totals, lo: number, hi: number, except?: number): number {
  let n = 0;
  for (const [k, v] of Object.entries(totals.byStatus)) {
    const s = Number(k);
    if (s >= lo && s < hi && s !== except) n += v;
  }
  return n;
}

type FieldName =
  'clock' | 'rate' | 'latency' | 'outcomes' | 'outcomesShort' | 'inFlight' | 'dropped';

/**
 * The layouts, widest first; the first that fits is drawn. From 100 columns the full outcome
 * breakdown is shown; below, fields go in this order: the breakdown (for its short form), in
 * flight, dropped (kept while there are drops), percentiles, the short outcomes.
 */
const LAYOUTS: Array<{ minWidth: number; fields: FieldName[] }> = [
  { minWidth: 100, fields: ['clock', 'rate', 'latency', 'outcomes', 'inFlight', 'dropped'] },
  { minWidth: 0, fields: ['clock', 'rate', 'latency', 'outcomesShort', 'inFlight', 'dropped'] },
  { minWidth: 0, fields: ['clock', 'rate', 'latency', 'outcomesShort', 'dropped'] },
  { minWidth: 0, fields: ['clock', 'rate', 'latency', 'outcomesShort'] },
  { minWidth: 0, fields: ['clock', 'rate', 'outcomesShort'] },
  { minWidth: 0, fields: ['clock', 'rate'] },
];

/** A count in at most about 5 characters: 9,544, 23k, 1.2M (for the narrow layouts). */
function compact(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  return formatCount(n);
}

function ms(v: number): string {
  return v >= 10_000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}ms`;
}

function fieldTexts(p: ProgressState, paint: Paint): Record<FieldName, string | null> {
  const t = p.totals;
  const s = p.second;
  // Before a --start-at instant the clock counts down to it.
  const clock =
    p.elapsedMs < 0
      ? `starts in ${formatClock(Math.ceil(-p.elapsedMs / 1000) * 1000)}`
      : p.elapsedMs > p.totalMs
        ? `${formatClock(p.totalMs)}/${formatClock(p.totalMs)} draining`
        : `${formatClock(p.elapsedMs)}/${formatClock(p.totalMs)}`;
  const rate = s ? `${formatCount(s.sent)}/${formatCount(s.planned)} req/s` : '-/- req/s';
  // The second shown, when it trails the clock by more than the usual second (slow replies).
  const lagging = s !== null && p.elapsedMs - (s.second + 1) * 1000 >= 2000;
  const lat = s?.latencyMs;
  const transport = Object.values(t.byError).reduce((a, b) => a + b, 0);
  const mark = (style: 'throttle' | 'bad', label: string, n: number, short = false) =>
    n > 0 ? paint(style, `${label} ${short ? compact(n) : formatCount(n)}`) : `${label} 0`;
  const okShare = t.completed > 0 ? `ok ${((t.ok / t.completed) * 100).toFixed(1)}%` : 'ok -';
  return {
    clock,
    rate: lagging ? `${rate} at ${formatClock(s.second * 1000)}` : rate,
    latency: lat ? `p50 ${ms(lat.p50)} p99 ${ms(lat.p99)}` : 'p50 - p99 -',
    outcomes: [
      `2xx ${formatCount(classCount(t, 200, 300))}`,
      `4xx ${formatCount(classCount(t, 400, 500, 429))}`,
      mark('throttle', '429', t.throttled),
      mark('bad', '5xx', classCount(t, 500, 600)),
      mark('bad', 'err', transport),
    ].join(' '),
    outcomesShort: [
      okShare,
      mark('throttle', '429', t.throttled, true),
      mark('bad', 'err', t.errors, true),
    ].join(' '),
    inFlight: `in flight ${formatCount(p.inFlight)}`,
    dropped: mark('bad', 'dropped', t.dropped),
  };
}

/** Cuts plain text to `max` columns (the last resort for a terminal too narrow for the essentials). */
function cut(text: string, max: number): string {
  if (visibleLength(text) <= max) return text;
  const plain = text.replace(ANSI_PATTERN, '');
  return plain.slice(0, Math.max(0, max));
}

/** renderProgressLine returns the line without a newline; at most `width - 1` columns. */
export function renderProgressLine(p: ProgressState, options: ProgressLineOptions): string {
  const width = Math.max(20, Math.floor(options.width));
  const paint = textStyle(options.color);
  const texts = fieldTexts(p, paint);
  let line = '';
  for (const layout of LAYOUTS) {
    if (width < layout.minWidth) continue;
    line = layout.fields.map((f) => texts[f]).join(' | ');
    if (visibleLength(line) <= width - 1) return line;
  }
  return cut(line, width - 1);
}
