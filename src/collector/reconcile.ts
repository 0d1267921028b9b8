/**
 * reconcile: per minute, what the client saw (sent, 2xx, 429, 5xx) beside what Lambda counted
 * (Invocations, Throttles, Errors), with notes where the two cannot agree by construction: a spike
 * shorter than the metric's period (a 1-second needlepoint inside a 1-minute datapoint), and 5xx
 * the client saw while Lambda counted throttles (API Gateway REST returns 500 for a throttled
 * Lambda; reference/aws-facts.md §3.2). Pure; reads the record, never mutates it.
 */
import type { PlatformSeries, RunRecord } from '../record/run-record.js';

const MINUTE_MS = 60_000;
/** Bursts below this rate get no spike note (too small to matter for scaling). */
const SPIKE_MIN_PER_SEC = 50;

/** One minute of the run (UTC, aligned to the minute like CloudWatch's 60 s periods). */
export interface ReconciliationRow {
  minuteStartMs: number;
  sent: number;
  ok2xx: number;
  throttled429: number;
  server5xx: number;
  /** The busiest second's sends in this minute. */
  peakSentPerSec: number;
  /** Summed over the run's functions; null when no series covers this minute. */
  lambdaInvocations: number | null;
  lambdaThrottles: number | null;
  lambdaErrors: number | null;
  notes: string[];
}

function statusSum(byStatus: Record<string, number>, prefix: string): number {
  let n = 0;
  for (const [code, count] of Object.entries(byStatus)) if (code.startsWith(prefix)) n += count;
  return n;
}

/** Function-level series when present, else the per-version (`resource`) ones; period ≤ 60 s. */
function pickSeries(series: PlatformSeries[], name: string): PlatformSeries[] {
  const candidates = series.filter((s) => s.name === name && s.periodSec <= 60 && s.stat === 'Sum');
  const functions = new Set(candidates.map((s) => s.labels.function ?? ''));
  const out: PlatformSeries[] = [];
  for (const fn of functions) {
    const mine = candidates.filter((s) => (s.labels.function ?? '') === fn);
    const whole = mine.filter((s) => !s.labels.resource);
    out.push(...(whole.length ? whole : mine));
  }
  return out;
}

function perMinute(series: PlatformSeries[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of series)
    for (const [t, v] of s.points) {
      const minute = Math.floor(t / MINUTE_MS) * MINUTE_MS;
      out.set(minute, (out.get(minute) ?? 0) + v);
    }
  return out;
}

/** See the file comment. Rows cover every minute with client traffic, in time order. */
export function reconcile(record: RunRecord): ReconciliationRow[] {
  const startMs = Date.parse(record.startedAt);
  const rows = new Map<number, ReconciliationRow>();
  for (const entry of record.timeline) {
    const minute = Math.floor((startMs + entry.second * 1000) / MINUTE_MS) * MINUTE_MS;
    const row = rows.get(minute) ?? emptyRow(minute);
    row.sent += entry.sent;
    row.ok2xx += statusSum(entry.byStatus, '2');
    row.throttled429 += entry.byStatus['429'] ?? entry.throttled;
    row.server5xx += statusSum(entry.byStatus, '5');
    row.peakSentPerSec = Math.max(row.peakSentPerSec, entry.sent);
    rows.set(minute, row);
  }
  const series = record.platform.series;
  const invocations = pickSeries(series, 'lambda.invocations');
  const throttles = pickSeries(series, 'lambda.throttles');
  const errors = pickSeries(series, 'lambda.errors');
  const inv = perMinute(invocations);
  const thr = perMinute(throttles);
  const err = perMinute(errors);
  const out = [...rows.values()].sort((a, b) => a.minuteStartMs - b.minuteStartMs);
  for (const row of out) {
    const m = row.minuteStartMs;
    row.lambdaInvocations = invocations.length ? (inv.get(m) ?? 0) : null;
    row.lambdaThrottles = throttles.length ? (thr.get(m) ?? 0) : null;
    row.lambdaErrors = errors.length ? (err.get(m) ?? 0) : null;
    row.notes = notesFor(
      row,
      record.timeline.filter((e) => minuteOf(startMs, e.second) === m).map((e) => e.sent),
    );
  }
  return out;
}

function minuteOf(startMs: number, second: number): number {
  return Math.floor((startMs + second * 1000) / MINUTE_MS) * MINUTE_MS;
}

function emptyRow(minuteStartMs: number): ReconciliationRow {
  return {
    minuteStartMs,
    sent: 0,
    ok2xx: 0,
    throttled429: 0,
    server5xx: 0,
    peakSentPerSec: 0,
    lambdaInvocations: null,
    lambdaThrottles: null,
    lambdaErrors: null,
    notes: [],
  };
}

/** Notes for one row; `sentPerSecond` are the minute's per-second sends. Pure. */
export function notesFor(row: ReconciliationRow, sentPerSecond: number[]): string[] {
  const notes: string[] = [];
  // A per-minute Sum read as a rate is sent/60 per second; a short burst far above that is
  // invisible in the datapoint. Only bursts of at least SPIKE_MIN_PER_SEC are worth a note.
  const impliedPerSec = row.sent / 60;
  const spikeSec = sentPerSecond.filter((n) => n >= row.peakSentPerSec / 2).length;
  if (
    row.peakSentPerSec >= SPIKE_MIN_PER_SEC &&
    row.peakSentPerSec > 3 * impliedPerSec &&
    spikeSec <= 15
  )
    notes.push(
      `spike: ${row.peakSentPerSec} req/s for ${spikeSec} s inside one 60 s datapoint; Lambda's per-minute sums cannot show its shape`,
    );
  const thr = row.lambdaThrottles ?? 0;
  if (row.server5xx > 0 && thr > 0 && row.throttled429 < thr)
    notes.push(
      `client saw ${row.server5xx} 5xx while Lambda counted ${thr} throttles: API Gateway REST returns 500 for a throttled Lambda`,
    );
  if (row.throttled429 > 0 && row.lambdaThrottles === 0)
    notes.push(
      `client saw ${row.throttled429} 429 that Lambda did not count: throttled before Lambda (API Gateway limits?)`,
    );
  return notes;
}

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

function cell(n: number | null): string {
  return n === null ? '-' : String(Math.round(n));
}

/** A short fixed-width table for the run summary; '' when there are no rows. Pure. */
export function renderReconciliation(rows: ReconciliationRow[]): string {
  if (rows.length === 0) return '';
  const head = ['min(UTC)', 'sent', '2xx', '429', '5xx', 'invocations', 'throttles', 'errors'];
  const lines = rows.map((r) => [
    hhmm(r.minuteStartMs),
    cell(r.sent),
    cell(r.ok2xx),
    cell(r.throttled429),
    cell(r.server5xx),
    cell(r.lambdaInvocations),
    cell(r.lambdaThrottles),
    cell(r.lambdaErrors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cols: string[]) =>
    cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = ['Client vs Lambda, per minute (client | CloudWatch):', fmt(head)];
  rows.forEach((r, i) => {
    out.push(fmt(lines[i]));
    for (const note of r.notes) out.push(`  ^ ${note}`);
  });
  return `${out.join('\n')}\n`;
}
