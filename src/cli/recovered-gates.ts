/**
 * recoveredGates: the gates of a record rebuilt from its timeline (status `incomplete`), which
 * were never evaluated by its run: the profile's own gates (stored in the record's profile), then
 * the `--gate` flags of the original command line (`environment.args`), on what the timeline
 * holds. A gate whose metric the timeline cannot give (whole-run percentiles) is `unknown`.
 * Mutates and returns the record.
 */
import { evaluateGates } from '../analysis/evaluate-gates.js';
import { tryParseGateExpression } from '../profile/gate-expression.js';
import type { GateSpec } from '../profile/types.js';
import type { RunRecord } from '../record/run-record.js';

export function recoveredGates(record: RunRecord, allowUnknown: boolean): RunRecord {
  const stored = Array.isArray(record.profile.gates) ? (record.profile.gates as unknown[]) : [];
  const profileExpressions = stored.flatMap((g) => {
    const expr = (g as { expr?: unknown } | null)?.expr;
    return typeof expr === 'string' ? [expr] : [];
  });
  const specs: GateSpec[] = [...profileExpressions, ...gateFlags(record.environment.args)].flatMap(
    (expr) => {
      // As written: a later version's label rules must not drop a gate of an earlier record.
      const parsed = tryParseGateExpression(expr, { fromRecord: true });
      return parsed.ok ? [parsed.gate] : [];
    },
  );
  record.gates = evaluateGates(specs, record, { allowUnknown });
  return record;
}

/** gateFlags: the values of `--gate X` and `--gate=X` in a stored command line, in order. */
function gateFlags(args: readonly string[]): string[] {
  return args.flatMap((arg, i) => {
    if (arg === '--gate' && i + 1 < args.length) return [args[i + 1]];
    return arg.startsWith('--gate=') ? [arg.slice('--gate='.length)] : [];
  });
}
