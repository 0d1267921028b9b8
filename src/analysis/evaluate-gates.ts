/**
 * evaluateGates: the verdict of every gate on a run record, in declaration order. Pure; the
 * `run` command also calls it on the partial record while the test runs (abortOnFail).
 * A gate whose metric was not collected is `unknown`; it fails the run unless allowUnknown.
 */
import type { GateSpec } from '../profile/types.js';
import type { GateResult, RunRecord } from '../record/run-record.js';
import { observeMetric } from './observe-metric.js';

export interface GateOptions {
  /** `--allow-unknown`: a gate on a metric that was not collected does not fail the run. */
  allowUnknown?: boolean;
}

/**
 * evaluateGates returns one GateResult a gate, in the order given, for a finished (or stopped)
 * run. Never throws for data. A run in which no request got a reply tested nothing: every gate
 * fails, whatever its metric says (an error rate of 0 over requests never answered) and with
 * or without allowUnknown.
 */
export function evaluateGates(
  gates: GateSpec[],
  record: RunRecord,
  options: GateOptions = {},
): GateResult[] {
  const untested = untestedNote(record);
  return gates.map((gate) => {
    const result = evaluateGate(gate, record, options);
    return untested === null ? result : { ...result, verdict: 'fail', note: untested };
  });
}

/** Why the run tested nothing (no reply to any request), or null when something was answered. */
function untestedNote(record: RunRecord): string | null {
  const { sent, completed } = record.totals;
  if (completed > 0) return null;
  return sent === 0
    ? 'the run sent no request, so it tested nothing'
    : `none of the ${sent} requests sent got a reply, so the run tested nothing`;
}

function evaluateGate(gate: GateSpec, record: RunRecord, options: GateOptions): GateResult {
  const observed = observeMetric(record, gate.metric, gate.aggregate, gate.labels);
  if (observed.value === null) {
    const consequence = options.allowUnknown
      ? 'allowed by --allow-unknown'
      : 'counts as a failure (--allow-unknown to accept)';
    return {
      expr: gate.expr,
      verdict: 'unknown',
      observed: null,
      threshold: gate.threshold,
      note: `${observed.note}; ${consequence}`,
    };
  }
  const verdict = compare(observed.value, gate.op, gate.threshold) ? 'pass' : 'fail';
  return {
    expr: gate.expr,
    verdict,
    observed: observed.value,
    threshold: gate.threshold,
    ...(observed.note ? { note: observed.note } : {}),
  };
}

/** compare applies a gate operator: true when `observed op threshold` holds. */
export function compare(observed: number, op: GateSpec['op'], threshold: number): boolean {
  switch (op) {
    case '<':
      return observed < threshold;
    case '<=':
      return observed <= threshold;
    case '>':
      return observed > threshold;
    case '>=':
      return observed >= threshold;
    case '==':
      return observed === threshold;
    case '!=':
      return observed !== threshold;
  }
}

/** gatesPassed: false when any gate failed, or is unknown without allowUnknown (exit 1). */
export function gatesPassed(results: GateResult[], options: GateOptions = {}): boolean {
  return results.every(
    (r) => r.verdict === 'pass' || (r.verdict === 'unknown' && options.allowUnknown === true),
  );
}

/**
 * gateToAbortOn: for fail-fast CI during a run. Among gates with abortOnFail whose delay has
 * passed (`elapsedMs >= delayMs`), the first that fails on the partial record, or null. An
 * unknown verdict never aborts (the metric may still arrive).
 */
export function gateToAbortOn(
  gates: GateSpec[],
  record: RunRecord,
  elapsedMs: number,
): GateResult | null {
  for (const gate of gates) {
    if (!gate.abortOnFail || elapsedMs < gate.delayMs) continue;
    const result = evaluateGate(gate, record, {});
    if (result.verdict === 'fail') return result;
  }
  return null;
}
