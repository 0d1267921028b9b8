/**
 * abortGateCheck: fail-fast gates (`abortOnFail`) evaluated on the run so far, shared by `run`
 * (once a second, as timeline entries arrive) and `simulate` (as virtual seconds close). The
 * partial record holds the timeline, its summed totals and the latency of every closed second.
 */
import { gateToAbortOn } from '../../analysis/evaluate-gates.js';
import type { GateSpec } from '../../profile/types.js';
import { buildRunRecord, placeholderMetadata } from '../../record/build-run-record.js';
import type {
  GateResult,
  LatencySummary,
  RunRecord,
  TimelineEntry,
} from '../../record/run-record.js';
import { addTotals, emptyTotals } from '../../record/totals.js';

export interface AbortGateCheck {
  /** The first abortOnFail gate that fails now (delay passed), or null; remembers it. */
  failed(timeline: TimelineEntry[], overallLatency: () => LatencySummary | null): GateResult | null;
  lastFailure?: GateResult;
}

/** abortGateCheck returns null when no gate has abortOnFail (nothing to check). */
export function abortGateCheck(gates: GateSpec[], requestNames: string[]): AbortGateCheck | null {
  if (!gates.some((g) => g.abortOnFail)) return null;
  const check: AbortGateCheck = {
    failed(timeline, overallLatency) {
      const partial = partialRecord(requestNames, timeline, overallLatency());
      const failure = gateToAbortOn(gates, partial, timeline.length * 1000);
      if (failure) check.lastFailure = failure;
      return failure;
    },
  };
  return check;
}

function partialRecord(
  requestNames: string[],
  timeline: TimelineEntry[],
  overall: LatencySummary | null,
): RunRecord {
  const record = buildRunRecord({
    meta: placeholderMetadata(),
    requestNames,
    phases: [],
    timeline,
    workers: [],
  });
  record.totals = timeline.reduce(
    (sum, e) => addTotals(sum, { ...e, bytesReceived: 0, bytesSent: 0 }),
    emptyTotals(),
  );
  record.latencyMs.overall = overall;
  return record;
}
