/**
 * costOptionsFrom: the AnalyzeCostOptions of the cost flags. Throws UsageError (exit 2) for a bad
 * `--fleet` or a Savings Plan discount AWS does not offer, so `run` and `simulate` can call it
 * before any traffic. Kept apart from finalize-record.ts (the cost analysis, prices and gates) so
 * that checking the flags loads none of that code before the run starts.
 */
import type { AnalyzeCostOptions } from '../analysis/analyze-cost.js';
import { parseFleetSpec } from '../analysis/fleet-spec.js';
import { savingsPlans } from '../analysis/savings-plans.js';
import type { CostFlags } from './cost-options.js';

export function costOptionsFrom(o: CostFlags): AnalyzeCostOptions {
  const plans = savingsPlans(o.savingsPlanEc2 ?? 0, o.savingsPlanLambda ?? 0);
  return {
    fleets: o.fleet.map(parseFleetSpec),
    savingsPlanEc2: plans.ec2,
    savingsPlanLambda: plans.lambda,
    cpuFraction: o.cpuFraction ?? null,
    frontDoor: o.frontDoor ?? 'none',
    freeTier: o.freeTier ?? false,
  };
}
