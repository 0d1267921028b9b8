/**
 * finalizeRecord: the steps `run` and `simulate` share once the traffic is over: cost under each
 * scenario (when prices load), gate verdicts, and the record's reports written beside run.json.
 * Returns the exit code the gates call for (0 or 1).
 */
import { analyzeCost, type AnalyzeCostOptions } from '../../analysis/analyze-cost.js';
import { evaluateGates, gatesPassed } from '../../analysis/evaluate-gates.js';
import { loadPrices, type LoadPricesOptions } from '../../pricing/load-prices.js';
import { parseGateExpression } from '../../profile/gate-expression.js';
import type { GateSpec } from '../../profile/types.js';
import type { RunRecord } from '../../record/run-record.js';
import type { CliContext } from '../cli-context.js';
import { costOptionsFrom } from '../cost-options-from.js';
import { priceSource } from '../price-source.js';
import type { CommonRunOptions } from './run-options.js';

export { costOptionsFrom };

export interface FinalizeOptions {
  gates: GateSpec[];
  allowUnknown: boolean;
  prices: LoadPricesOptions;
  cost: AnalyzeCostOptions;
  /** True when the user asked for something cost-specific: then a cost failure is an error. */
  costRequested: boolean;
}

/** finalizeOptions: the FinalizeOptions of a `run` or `simulate` command line. */
export function finalizeOptions(
  o: CommonRunOptions,
  gates: GateSpec[],
  region: string | undefined,
  ctx: Pick<CliContext, 'cwd' | 'env'>,
): FinalizeOptions {
  return {
    gates,
    allowUnknown: o.allowUnknown ?? false,
    prices: priceSource(o.prices, region, ctx),
    cost: costOptionsFrom(o),
    costRequested: Boolean(o.prices) || o.fleet.length > 0,
  };
}

/** addCostAndGates fills `cost` and `gates` (mutates and returns the record); never throws for data. */
export function addCostAndGates(record: RunRecord, o: FinalizeOptions): RunRecord {
  try {
    const prices = loadPrices(o.prices);
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

/**
 * recomputeCostAndGates: cost and gate verdicts again, for `collect` after late CloudWatch data,
 * with the options the run recorded (`cost.options`; defaults for older records) and the gates in
 * the record's order. Mutates and returns the record; throws UsageError for a bad price table.
 */
export function recomputeCostAndGates(
  record: RunRecord,
  o: { pricesFile?: string; region?: string },
  ctx: Pick<CliContext, 'cwd' | 'env'>,
): RunRecord {
  const region = o.region ?? record.cost?.prices.region ?? profileRegion(record);
  const cost: AnalyzeCostOptions = record.cost?.options ?? {};
  // Read back as written: the rules of a later version must not fail an earlier record's gates.
  const gates = record.gates.map((g) =>
    parseGateExpression(g.expr, { fromRecord: true }, 'run.json gates'),
  );
  const warnings = record.warnings.filter((w) => !w.startsWith('cost not computed'));
  record.cost = null;
  record.warnings = warnings;
  return addCostAndGates(record, {
    gates,
    allowUnknown: record.environment.allowUnknown ?? false,
    prices: priceSource(o.pricesFile, region, ctx),
    cost,
    costRequested: Boolean(o.pricesFile),
  });
}

function profileRegion(record: RunRecord): string | undefined {
  const aws = record.profile.aws as { region?: unknown } | undefined;
  return typeof aws?.region === 'string' ? aws.region : undefined;
}

/** gateExitCode: 1 when any gate failed (or was unknown without --allow-unknown), else 0. */
export function gateExitCode(record: RunRecord, allowUnknown: boolean): number {
  return gatesPassed(record.gates, { allowUnknown }) ? 0 : 1;
}
