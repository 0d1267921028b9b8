/**
 * recoveredGates: the gates of a record rebuilt from its timeline (status `incomplete`), which
 * were never evaluated by its run: the profile's own gates (stored in the record's profile), on
 * what the timeline holds. `--gate` flags of the original command line are not re-applied. A
 * gate whose metric the timeline cannot give (whole-run percentiles) is `unknown`. Mutates and
 * returns the record.
 */
import { evaluateGates } from '../analysis/evaluate-gates.js';
import { tryParseGateExpression } from '../profile/gate-expression.js';
import type { GateSpec } from '../profile/types.js';
import type { RunRecord } from '../record/run-record.js';

export function recoveredGates(record: RunRecord, allowUnknown: boolean): RunRecord {
  const stored = Array.isArray(record.profile.gates) ? (record.profile.gates as unknown[]) : [];
  const specs: GateSpec[] = stored.flatMap((g) => {
    const expr = (g as { expr?: unknown } | null)?.expr;
    if (typeof expr !== 'string') return [];
    const parsed = tryParseGateExpression(expr);
    return parsed.ok ? [parsed.gate] : [];
  });
  record.gates = evaluateGates(specs, record, { allowUnknown });
  return record;
}
