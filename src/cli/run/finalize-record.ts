/**
 * finalizeRecord: the steps `run` and `simulate` share once the traffic is over: cost under each
 * scenario (when prices load), gate verdicts, and the record's reports written beside run.json.
 * Returns the exit code the gates call for (0 or 1).
 */
import { analyzeCost } from '../../analysis/analyze-cost.js';
import { evaluateGates, gatesPassed } from '../../analysis/evaluate-gates.js';
import { parseFleetSpec } from '../../analysis/fleet-spec.js';
import { loadPrices } from '../../pricing/load-prices.js';
import type { GateSpec } from '../../profile/types.js';
import type { RunRecord } from '../../record/run-record.js';
import type { CommonRunOptions } from './run-options.js';

export interface FinalizeOptions {
  gates: GateSpec[];
  allowUnknown: boolean;
  pricesFile?: string;
  region?: string;
  fleets: string[];
  savingsPlanDiscount?: number;
  targetUtilization?: number;
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
    fleets: o.fleet,
    savingsPlanDiscount: o.savingsPlan,
  };
}

/** addCostAndGates fills `cost` and `gates` (mutates and returns the record); never throws for data. */
export function addCostAndGates(record: RunRecord, o: FinalizeOptions): RunRecord {
  try {
    const prices = loadPrices({ file: o.pricesFile, region: o.region });
    record.cost = analyzeCost(record, prices, {
      fleets: o.fleets.map(parseFleetSpec),
      savingsPlanDiscount: o.savingsPlanDiscount,
      targetUtilization: o.targetUtilization,
    });
  } catch (error) {
    if (o.pricesFile || o.fleets.length > 0) throw error;
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
