/**
 * finalizeRecord: the steps `run` and `simulate` share once the traffic is over: cost under each
 * scenario (when prices load), gate verdicts, and the record's reports written beside run.json.
 * Returns the exit code the gates call for (0 or 1).
 */
import { analyzeCost, type AnalyzeCostOptions } from '../../analysis/analyze-cost.js';
import { savingsPlans } from '../../analysis/savings-plans.js';
import { evaluateGates, gatesPassed } from '../../analysis/evaluate-gates.js';
import { parseFleetSpec } from '../../analysis/fleet-spec.js';
import { loadPrices } from '../../pricing/load-prices.js';
import type { GateSpec } from '../../profile/types.js';
import type { RunRecord } from '../../record/run-record.js';
import type { CostFlags } from '../cost-options.js';
import type { CommonRunOptions } from './run-options.js';

export interface FinalizeOptions {
  gates: GateSpec[];
  allowUnknown: boolean;
  pricesFile?: string;
  region?: string;
  cost: AnalyzeCostOptions;
  /** True when the user asked for something cost-specific: then a cost failure is an error. */
  costRequested: boolean;
}

/** finalizeOptions: the FinalizeOptions of a `run` or `simulate` command line. */
export function finalizeOptions(
  o: CommonRunOptions,
  gates: GateSpec[],
  region: string | undefined,
): FinalizeOptions {
  return {
    gates,
    allowUnknown: o.allowUnknown ?? false,
    pricesFile: o.prices,
    region,
    cost: costOptionsFrom(o),
    costRequested: Boolean(o.prices) || o.fleet.length > 0,
  };
}

/**
 * costOptionsFrom: the AnalyzeCostOptions of the cost flags. Throws UsageError (exit 2) for a bad
 * `--fleet` or a Savings Plan discount AWS does not offer, so `run` can call it before traffic.
 */
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

/** addCostAndGates fills `cost` and `gates` (mutates and returns the record); never throws for data. */
export function addCostAndGates(record: RunRecord, o: FinalizeOptions): RunRecord {
  try {
    const prices = loadPrices({ file: o.pricesFile, region: o.region });
    record.cost = analyzeCost(record, prices, o.cost);
  } catch (error) {
    // An instance type without a price is an error that says so (exit 2), never a silent skip.
    if (o.costRequested || /no price for instance type/.test(String(error))) throw error;
    record.warnings.push(
      `cost not computed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  record.gates = evaluateGates(o.gates, record, { allowUnknown: o.allowUnknown });
  // Recorded so that `flashcrowd report` renders the same verdict later.
  record.environment.allowUnknown = o.allowUnknown;
  return record;
}

/** gateExitCode: 1 when any gate failed (or was unknown without --allow-unknown), else 0. */
export function gateExitCode(record: RunRecord, allowUnknown: boolean): number {
  return gatesPassed(record.gates, { allowUnknown }) ? 0 : 1;
}
