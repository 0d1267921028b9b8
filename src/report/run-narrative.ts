/**
 * runNarrative: the plain-language account of a run that opens every report: what was sent, what
 * came back, and where throttles and errors came from. Pure; one sentence a string.
 */
import { runDurationSec, selectSeries } from '../record/platform-series.js';
import type { RunRecord, Totals } from '../record/run-record.js';
import { formatCount, formatMs, formatPercent } from './format-values.js';

/** runNarrative returns the sentences in reading order. */
export function runNarrative(record: RunRecord): string[] {
  const t = record.totals;
  const durationSec = runDurationSec(record);
  const peak = record.timeline.reduce((m, e) => Math.max(m, e.planned), 0);
  const lines = [
    `${record.kind === 'simulate' ? 'Simulated' : 'Sent'} ${formatCount(t.sent)} requests over ${formatCount(durationSec)} s ` +
      `against ${record.target.url}${record.target.platform ? ` (${record.target.platform})` : ''}; ` +
      `${plannedClause(record)}, peaking at ${formatCount(peak)} req/s.`,
    outcomeSentence(t),
  ];
  if (record.latencyMs.overall) {
    const l = record.latencyMs.overall;
    lines.push(
      `Latency, measured from each request's planned send time: p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}, max ${formatMs(l.max)}.`,
    );
  }
  lines.push(...droppedSentences(t));
  if (record.latenessMs && record.latenessMs.p99 > 50) {
    lines.push(
      `The generator itself fell behind (send lateness p99 ${formatMs(record.latenessMs.p99)}): part of the latency is the load generator's, not the target's.`,
    );
  }
  lines.push(...throttleExplanation(record));
  if (record.status === 'incomplete') {
    // First, so no reader takes the counts that follow for a whole run.
    lines.unshift(`This record is incomplete: ${record.statusReason ?? 'the run never finished'}.`);
  } else if (record.status !== 'completed') {
    lines.push(`The run ${record.status}${record.statusReason ? `: ${record.statusReason}` : ''}.`);
  }
  return lines;
}

/** Why arrivals were never sent or replies never awaited; records without droppedBy: all in-flight. */
function droppedSentences(t: Totals): string[] {
  const out: string[] = [];
  const late = t.droppedBy?.late ?? 0;
  const inFlight = t.dropped - late;
  if (inFlight > 0)
    out.push(
      `${formatCount(inFlight)} arrivals were dropped by the generator because too many requests were in flight ` +
        `(maxInFlight); they were never sent.`,
    );
  if (late > 0)
    out.push(
      `${formatCount(late)} arrivals were dropped because the generator could not send them within maxLateness ` +
        `of their planned time (it could not keep up with the schedule); they were never sent.`,
    );
  if ((t.aborted ?? 0) > 0)
    out.push(
      `${formatCount(t.aborted ?? 0)} requests were still in flight when the drain grace ended and were abandoned (aborted).`,
    );
  return out;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** What was planned: the profile's total after a completed run, the planned part otherwise. */
function plannedClause(record: RunRecord): string {
  const planned = formatCount(record.totals.planned);
  if (record.status === 'completed') return `the profile asked for ${planned}`;
  if (record.status === 'running') return `${planned} were planned so far`;
  return `${planned} were planned before the run stopped`;
}

/**
 * The outcome of every sent request: succeeded, throttled, failed and, when there are any, the
 * other 4xx (counted by status, not errors; DESIGN.md "Counting"), so the shares add up.
 */
function outcomeSentence(t: Totals): string {
  const pct = (n: number) => formatPercent(share(n, t.sent));
  const parts = [
    `${formatCount(t.ok)} succeeded (${pct(t.ok)})`,
    `${formatCount(t.throttled)} were throttled with HTTP 429 (${pct(t.throttled)})`,
    `${formatCount(t.errors)} failed with 5xx or a transport error (${pct(t.errors)})`,
  ];
  const other4xx = Object.entries(t.byStatus)
    .filter(([status]) => /^4\d\d$/.test(status) && status !== '429')
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const otherCount = other4xx.reduce((n, [, c]) => n + c, 0);
  if (otherCount > 0) {
    const which = other4xx.length === 1 ? 'all' : 'mostly';
    parts.push(
      `${formatCount(otherCount)} got another 4xx (${pct(otherCount)}, ${which} HTTP ${other4xx[0][0]})`,
    );
  }
  return `${parts.join(', ')}.`;
}

function throttleExplanation(record: RunRecord): string[] {
  const lines: string[] = [];
  const platformThrottles = selectSeries(record, 'lambda.throttles');
  const counted = platformThrottles.reduce(
    (n, s) => n + s.points.reduce((a, [, v]) => a + v, 0),
    0,
  );
  if (platformThrottles.length > 0) {
    lines.push(`Lambda itself counted ${formatCount(counted)} throttles (lambda.throttles).`);
  }
  if (record.totals.throttled === 0 && counted === 0) return lines;
  const first = record.timeline.find((e) => e.throttled > 0);
  const when = first ? ` First 429 at second ${first.second}.` : '';
  lines.push(`${whyThrottles(record, counted)}${when}`);
  return lines;
}

/**
 * whyThrottles: the limits that refuse requests, as the run knows them: the scaling model's own
 * values (embedded target, simulate), or for a real target only what its series can say.
 */
function whyThrottles(record: RunRecord, counted: number): string {
  if (record.target.kind === 'external') return counted429Source(record, counted);
  const model = record.platform.model ?? {};
  if (record.target.platform === 'lmi') {
    const target = modelValue(model, 'lmi.targetCpu');
    const throttleAt = modelValue(model, 'lmi.cpuThrottleAt');
    const delay = modelValue(model, 'lmi.launchDelayMs') as
      { min?: number; max?: number } | undefined;
    const cpu = typeof target === 'number' ? ` (target ${formatPercent(target)})` : '';
    const launch =
      delay?.min !== undefined && delay.max !== undefined
        ? ` of ${formatCount(delay.min / 1000)}-${formatCount(delay.max / 1000)} s`
        : '';
    const ceiling =
      typeof throttleAt === 'number' ? ` past ${formatPercent(throttleAt)} CPU` : ' too busy';
    return (
      `Why throttles: in the model, LMI adds instances on CPU utilization${cpu} after a launch delay${launch}; ` +
      `until capacity arrives, requests find environments full or instances${ceiling} and are refused with 429.`
    );
  }
  const perTen = modelValue(model, 'onDemand.newEnvironmentsPer10s');
  const account = modelValue(model, 'onDemand.accountConcurrency');
  const reserved = Object.entries(
    (modelValue(model, 'onDemand.reservedConcurrency') ?? {}) as Record<string, number>,
  );
  const rate =
    typeof perTen === 'number' ? `at most ${formatCount(perTen)}` : 'a bounded number of';
  const limit = typeof account === 'number' ? ` of ${formatCount(account)}` : '';
  const reservedClause =
    reserved.length > 0
      ? `, and reserved concurrency caps ${reserved.map(([fn, n]) => `${fn} at ${formatCount(n)}`).join(', ')}`
      : '';
  return (
    `Why throttles: in the model, on-demand Lambda adds ${rate} execution environments per function ` +
    `every 10 s and stops at the account's concurrency limit${limit}${reservedClause}; requests ` +
    'beyond these get 429.'
  );
}

/**
 * For a real target: who answered 429, as far as the collected series tell. The scaling rate is
 * https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html (1,000 execution
 * environments per function every 10 seconds).
 */
function counted429Source(record: RunRecord, counted: number): string {
  if (selectSeries(record, 'lambda.throttles').length === 0)
    return (
      'Why throttles: the target answered 429; no Lambda series were collected, so this run ' +
      'cannot tell where the limit is.'
    );
  const beyond = record.totals.throttled - counted;
  return (
    "Why throttles: Lambda refuses invocations beyond a function's reserved concurrency, the " +
    "account's concurrency limit, or its scaling rate (1,000 new execution environments per " +
    'function every 10 s)' +
    (beyond > 0
      ? `; ${formatCount(beyond)} of the 429s are more than Lambda counted, so they came from in front of it (API Gateway, a proxy).`
      : '.')
  );
}

function modelValue(model: Record<string, unknown>, key: string): unknown {
  const entry = model[key] as { value?: unknown } | undefined;
  return entry?.value;
}
