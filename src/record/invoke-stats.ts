/**
 * invokeStats: the run record's `invoke` section from every recorder's Invoke counts (one per
 * worker, or simulate's one), summed per request and over all requests, with the throttle and
 * function-error rates as fractions of the requests sent (null when none was sent). Undefined
 * when no recorder has Invoke counts (the profile sends no Invokes). Pure.
 */
import type { InvokeCounts, RecorderData } from './measurements.js';
import type { InvokeCountsStats, InvokeStats, Totals } from './run-record.js';

export function invokeStats(
  workers: RecorderData[],
  requestNames: string[],
  byRequest: Record<string, Totals>,
): InvokeStats | undefined {
  if (!workers.some((w) => w.invoke !== undefined)) return undefined;
  const total = empty();
  const out: Record<string, InvokeCountsStats> = {};
  requestNames.forEach((name, i) => {
    const one = empty();
    for (const w of workers) {
      const c = w.invoke?.[i];
      if (c) add(one, c);
    }
    one.sent = byRequest[name]?.sent ?? 0;
    out[name] = withRates(one);
    add(total, one);
    total.sent += one.sent;
  });
  return { totals: withRates(total), byRequest: out };
}

type Sum = InvokeCounts & { sent: number };

function empty(): Sum {
  return {
    sent: 0,
    succeeded: 0,
    throttled: 0,
    throttleReasons: {},
    functionErrors: 0,
    functionErrorKinds: {},
    errorTypes: {},
  };
}

function add(into: Sum, c: InvokeCounts): void {
  into.succeeded += c.succeeded;
  into.throttled += c.throttled;
  into.functionErrors += c.functionErrors;
  addMap(into.throttleReasons, c.throttleReasons);
  addMap(into.functionErrorKinds, c.functionErrorKinds);
  addMap(into.errorTypes, c.errorTypes);
}

function addMap(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

function withRates(s: Sum): InvokeCountsStats {
  return {
    ...s,
    throttleRate: s.sent > 0 ? s.throttled / s.sent : null,
    functionErrorRate: s.sent > 0 ? s.functionErrors / s.sent : null,
  };
}
