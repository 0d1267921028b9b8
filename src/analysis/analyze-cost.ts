/**
 * analyzeCost: what the run's work would cost under each scenario, from the run record and one
 * price table. Pure. Formulas (reference/aws-facts.md §6), with h = instance-seconds / 3600,
 * P = On-Demand hourly price, d = Savings Plans discount:
 *   on-demand Lambda = requests × $/M / 1e6 + GB-s × $/GB-s × (1 − d)
 *   LMI             = h × P × (1 − d) + 0.15 × h × P + requests × $0.20 / 1e6   (fee never discounted)
 *   fixed fleet     = n × runSec / 3600 × P × (1 − d), n = ceil(peak vCPUs / (target × vCPUs each))
 *   per million = total / requests × 1e6;  per month = total × 2,592,000 s / runSec.
 */
import { UsageError } from '../errors.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Cost, CostScenario, RunRecord } from '../record/run-record.js';
import { costAssumptions } from './cost-assumptions.js';
import { tenantEnvironmentCost, tenantEnvironmentsCreated } from './tenant-environment-cost.js';
import type { FleetSpec } from './fleet-spec.js';
import { vcpusOf, workDone, type WorkAssumptions, type WorkDone } from './work-done.js';

/** Seconds in the 30-day month used for projections. */
export const SECONDS_PER_MONTH = 30 * 86_400;
/** LMI keeps at least three instances (one per AZ) while a function version is active. */
export const LMI_MIN_INSTANCES = 3;
/** Default utilization target of the fixed fleet and of estimated LMI (LMI's CPU target, 40%). */
export const DEFAULT_TARGET_UTILIZATION = 0.4;
/** Utilizations at which the cost curve is priced. */
export const CURVE_UTILIZATIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export interface AnalyzeCostOptions {
  fleets?: FleetSpec[];
  /** Savings Plans discount 0..1 on EC2 and Lambda duration; never on the LMI fee or requests. */
  savingsPlanDiscount?: number;
  /** Utilization target 0..1 of the fixed fleet sized for peak. */
  targetUtilization?: number;
  assumptions?: Partial<WorkAssumptions>;
}

/** analyzeCost throws UsageError for an instance type the price table lacks or a bad fraction. */
export function analyzeCost(
  record: RunRecord,
  prices: PriceTable,
  options: AnalyzeCostOptions = {},
): Cost {
  const discount = fraction(options.savingsPlanDiscount ?? 0, 'savings plan discount');
  const target = fraction(
    options.targetUtilization ?? DEFAULT_TARGET_UTILIZATION,
    'target utilization',
  );
  if (target === 0) throw new UsageError('target utilization must be above 0');
  const assume = costAssumptions(record, options.assumptions);
  hourly(prices, assume.instanceType);
  const work = workDone(record, prices, assume);
  const ctx: PricingContext = { prices, work, discount, target, assume };
  const scenarios = [
    lambdaOnDemand(ctx, tenantEnvironmentsCreated(record)),
    lmi(ctx),
    fixedFleet(ctx, `fixed fleet for peak at ${pct(target)}`, fleetForPeak(ctx)),
    ...(options.fleets ?? []).map((f) =>
      fixedFleet(ctx, `fleet ${f.instanceType} x ${f.count}`, f),
    ),
  ];
  return {
    prices: { date: prices.date, source: prices.source, region: prices.region },
    work: {
      durationSec: work.durationSec,
      requests: work.requests,
      gbSeconds: work.gbSeconds,
      vcpuSeconds: work.vcpuSeconds,
      peakVcpus: work.peakVcpus,
      savingsPlanDiscount: discount,
      targetUtilization: target,
    },
    scenarios,
    curve: CURVE_UTILIZATIONS.map((u) => ({ utilization: u, costUsd: computeCostAt(ctx, u) })),
  };
}

interface PricingContext {
  prices: PriceTable;
  work: WorkDone;
  discount: number;
  target: number;
  assume: WorkAssumptions;
}

function fraction(value: number, what: string): number {
  if (!(value >= 0 && value <= 1))
    throw new UsageError(`${what} must be a fraction from 0 to 1, got ${value}`);
  return value;
}

function pct(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

function hourly(prices: PriceTable, type: string): number {
  const price = prices.ec2[type];
  if (!price) {
    throw new UsageError(
      `no price for instance type ${type} in the ${prices.region} table of ${prices.date}; ` +
        `known: ${Object.keys(prices.ec2).join(', ')}`,
    );
  }
  return price.hourlyUsd;
}

function scenario(
  ctx: PricingContext,
  name: string,
  breakdown: Record<string, number>,
  rest: Partial<CostScenario>,
): CostScenario {
  const totalUsd = Object.values(breakdown).reduce((a, b) => a + b, 0);
  const { requests, durationSec } = ctx.work;
  return {
    name,
    totalUsd,
    perMillionUsd: requests > 0 ? (totalUsd / requests) * 1e6 : null,
    monthlyUsd: durationSec > 0 ? (totalUsd * SECONDS_PER_MONTH) / durationSec : 0,
    utilization: null,
    breakdown,
    ...rest,
  };
}

function lambdaOnDemand(ctx: PricingContext, tenantEnvironments: number): CostScenario {
  const { lambda } = ctx.prices;
  const tenantEnvironmentsUsd = tenantEnvironmentCost(
    tenantEnvironments,
    ctx.assume.lambdaMemoryGiB,
    ctx.assume.architecture,
    ctx.prices,
  );
  return scenario(
    ctx,
    'lambda on-demand',
    {
      requestsUsd: (ctx.work.requests * lambda.requestsUsdPerMillion) / 1e6,
      durationUsd:
        ctx.work.gbSeconds * lambda.gbSecondUsd[ctx.assume.architecture] * (1 - ctx.discount),
      ...(tenantEnvironments > 0 ? { tenantEnvironmentsUsd } : {}),
    },
    {
      note:
        `pay per request; ${ctx.work.gbSeconds.toFixed(1)} GB-s (${ctx.work.sources.gbSeconds})` +
        (tenantEnvironments > 0
          ? `; ${tenantEnvironments} tenant-isolated environments created`
          : ''),
    },
  );
}

/** LMI as observed (instance-seconds from `lmi.instances`), else estimated at the target. */
function lmi(ctx: PricingContext): CostScenario {
  const { work, prices } = ctx;
  let instanceSeconds = work.instanceSeconds;
  let note = 'observed lmi.instances';
  let utilization = work.lmiCpuUtilization;
  if (Object.keys(instanceSeconds).length === 0) {
    const type = ctx.assume.instanceType;
    const needed = work.vcpuSeconds / (ctx.target * vcpusOf(prices, type));
    const floor = LMI_MIN_INSTANCES * work.durationSec;
    instanceSeconds = { [type]: Math.max(needed, floor) };
    utilization =
      instanceSeconds[type] > 0
        ? work.vcpuSeconds / (instanceSeconds[type] * vcpusOf(prices, type))
        : null;
    note = `estimated: no LMI instances observed; CPU work at ${pct(ctx.target)}, at least ${LMI_MIN_INSTANCES} ${type}`;
  }
  let onDemandUsd = 0;
  for (const [type, seconds] of Object.entries(instanceSeconds))
    onDemandUsd += (seconds / 3600) * hourly(prices, type);
  return scenario(
    ctx,
    'lmi',
    {
      ec2Usd: onDemandUsd * (1 - ctx.discount),
      managementFeeUsd: onDemandUsd * prices.lmi.managementFeeFraction,
      requestsUsd: (work.requests * prices.lmi.requestsUsdPerMillion) / 1e6,
    },
    { utilization, note: `${note}; ${describeInstanceSeconds(instanceSeconds)}` },
  );
}

function describeInstanceSeconds(instanceSeconds: Record<string, number>): string {
  return Object.entries(instanceSeconds)
    .map(([type, s]) => `${(s / 3600).toFixed(3)} instance-hours of ${type}`)
    .join(', ');
}

function fleetForPeak(ctx: PricingContext): FleetSpec {
  const type = ctx.assume.instanceType;
  const count = Math.max(
    1,
    Math.ceil(ctx.work.peakVcpus / (ctx.target * vcpusOf(ctx.prices, type)) - 1e-9),
  );
  return { instanceType: type, count };
}

function fixedFleet(ctx: PricingContext, name: string, fleet: FleetSpec): CostScenario {
  const { work } = ctx;
  const capacityVcpuSec = fleet.count * vcpusOf(ctx.prices, fleet.instanceType) * work.durationSec;
  const ec2Usd =
    fleet.count *
    (work.durationSec / 3600) *
    hourly(ctx.prices, fleet.instanceType) *
    (1 - ctx.discount);
  return scenario(
    ctx,
    name,
    { ec2Usd },
    {
      utilization: capacityVcpuSec > 0 ? work.vcpuSeconds / capacityVcpuSec : null,
      note: `${fleet.count} x ${fleet.instanceType} for ${work.durationSec} s; peak demand ${work.peakVcpus.toFixed(2)} vCPU`,
    },
  );
}

/**
 * The compute cost (instances and LMI fee) of this run's CPU work at utilization u:
 * vCPU-s / (u × vCPUs per instance) / 3600 × P × ((1 − d) + 0.15).
 */
function computeCostAt(ctx: PricingContext, u: number): number {
  const type = ctx.assume.instanceType;
  const instanceHours = ctx.work.vcpuSeconds / (u * vcpusOf(ctx.prices, type)) / 3600;
  return (
    instanceHours *
    hourly(ctx.prices, type) *
    (1 - ctx.discount + ctx.prices.lmi.managementFeeFraction)
  );
}
