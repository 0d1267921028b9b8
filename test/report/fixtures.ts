/**
 * Report fixtures: the analysis fixture record with a cost analysis and gates filled in by the
 * real analysis code, so the golden files show what `run` would write.
 */
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { evaluateGates } from '../../src/analysis/evaluate-gates.js';
import { parseFleetSpec } from '../../src/analysis/fleet-spec.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { parseGateExpression } from '../../src/profile/gate-expression.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { makeRunRecord } from '../analysis/fixtures/make-run-record.js';

export const GATE_EXPRESSIONS = [
  'http.error_rate < 1%',
  'http.throttle_rate < 5%',
  'http.p99 < 800ms',
  'lambda.throttles == 0',
  'lmi.cpu_utilization.avg > 20%',
  'apigw.5xx_rate < 0.5%',
];

/** reportRecord: the LMI fixture with cost (m7g.large=2 fleet) and six gates (pass, fail, unknown). */
export function reportRecord(overrides: Parameters<typeof makeRunRecord>[0] = {}): RunRecord {
  const record = makeRunRecord({ withLmi: true, ...overrides });
  record.cost = analyzeCost(record, builtinPrices['us-east-1'], {
    fleets: [parseFleetSpec('m7g.large=2')],
    assumptions: { lambdaMemoryMb: 2048, architecture: 'arm64', instanceType: 'm7g.xlarge' },
  });
  record.gates = evaluateGates(
    GATE_EXPRESSIONS.map((e) => parseGateExpression(e)),
    record,
  );
  return record;
}
