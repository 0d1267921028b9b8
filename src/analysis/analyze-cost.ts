/**
 * analyzeCost: what the run's work would cost under each scenario, from the run record and one
 * price table. Pure. Scenarios, each with a compute line and a total (compute + requests + the
 * front door), and a basis saying whether its compute was observed on that platform in this run,
 * estimated as a what-if, or an upper bound (CPU time taken as the whole duration):
 *   lambda on-demand                          (lambda-scenarios.ts)
 *   lambda + provisioned concurrency for peak (lambda-scenarios.ts)
 *   lmi                                       (instance-scenarios.ts, lmi-what-if.ts)
 *   fixed fleet for peak at <target>, and each --fleet (instance-scenarios.ts)
 * per million = total / requests × 1e6; per month = total × 2,592,000 s / run seconds, labelled
 * "projected" only for runs of an hour or more. The curve is compute only (cost-curve.ts).
 */
import { UsageError } from '../errors.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Cost, CostOptionsRecord, RunRecord } from '../record/run-record.js';
import { costAssumptions, type AssumptionOverrides } from './cost-assumptions.js';
import { costCurve } from './cost-curve.js';
import { durableCostUsd, durableNote } from './durable-cost.js';
import type { FleetSpec } from './fleet-spec.js';
import { frontDoorCost, type FrontDoorKind } from './front-door.js';
import { freeTierSentence } from './free-tier.js';
import { fleetForPeak, fleetScenario, lmiScenario } from './instance-scenarios.js';
import { onDemandScenario, provisionedScenario } from './lambda-scenarios.js';
import { pct, summarize, type PricingContext } from './pricing-context.js';
import { savingsPlans } from './savings-plans.js';
import { TENANT_ISOLATION_SOURCE, tenantIsolatedFunctions } from './tenant-environment-cost.js';
import { throttledNote, throttledWork } from './throttled-work.js';
import { workDone } from './work-done.js';

export { SECONDS_PER_MONTH } from './pricing-context.js';
export { CURVE_UTILIZATIONS } from './cost-curve.js';

/** Default utilization target of the fixed fleet and of an LMI what-if without a model target. */
export const DEFAULT_TARGET_UTILIZATION = 0.4;

/** What the analysis leaves out, stated in every report. */
export const LEFT_OUT =
  'Left out: data transfer, NAT gateways, EBS volumes of LMI and fleet instances, CloudWatch and logs, load balancer or API in front unless --front-door names it.';

export interface AnalyzeCostOptions {
  fleets?: FleetSpec[];
  /** EC2 Savings Plan discount 0..1 (fleets, the EC2 part of LMI). */
  savingsPlanEc2?: number;
  /** Compute Savings Plan discount on Lambda duration and provisioned concurrency, 0..0.17. */
  savingsPlanLambda?: number;
  /** Utilization target 0..1 of the fixed fleet sized for peak (and of an LMI what-if). */
  targetUtilization?: number;
  /** CPU seconds per second of duration for functions whose CPU time is unknown. */
  cpuFraction?: number | null;
  frontDoor?: FrontDoorKind;
  /** Apply Lambda's monthly free tier to on-demand Lambda's monthly figure. */
  freeTier?: boolean;
  assumptions?: AssumptionOverrides;
}

/** analyzeCost throws UsageError for an instance type the price table lacks or a bad option. */
export function analyzeCost(
  record: RunRecord,
  prices: PriceTable,
  options: AnalyzeCostOptions = {},
): Cost {
  const opts = normalizeOptions(options);
  const assume = costAssumptions(record, options.assumptions);
  const work = workDone(record, prices, assume, { cpuFraction: opts.cpuFraction });
  const ctx: PricingContext = {
    prices,
    work,
    assume,
    plans: savingsPlans(opts.savingsPlanEc2, opts.savingsPlanLambda),
    target: opts.targetUtilization,
    frontDoor: frontDoorCost(opts.frontDoor, {
      requests: record.totals.sent,
      durationSec: work.durationSec,
      bytes: record.totals.bytesSent + record.totals.bytesReceived,
    }),
    freeTier: opts.freeTier,
    startMs: Date.parse(record.startedAt),
    durable: durableCostUsd(record),
  };
  const onDemand = onDemandScenario(ctx, record);
  const isolated = tenantIsolatedFunctions(record);
  const unsized = work.functions.filter((f) => f.peakConcurrency === null).map((f) => f.name);
  const scenarios = [
    onDemand,
    ...(isolated.length === 0 && unsized.length === 0 ? [provisionedScenario(ctx)] : []),
    lmiScenario(ctx),
    fleetScenario(
      ctx,
      `fixed fleet for peak at ${pct(opts.targetUtilization)}`,
      fleetForPeak(ctx),
      opts.targetUtilization,
    ),
    ...opts.fleets.map((f) => fleetScenario(ctx, `fleet ${f.instanceType} x ${f.count}`, f, null)),
  ];
  const { curve, reference } = costCurve(ctx, onDemand.computeUsd ?? 0);
  return {
    prices: { date: prices.date, source: prices.source, region: prices.region },
    work: {
      durationSec: work.durationSec,
      requests: work.requests,
      gbSeconds: work.gbSeconds,
      vcpuSeconds: work.vcpuSeconds,
      peakVcpus: work.peakVcpus,
      savingsPlanEc2: ctx.plans.ec2,
      savingsPlanLambda: ctx.plans.lambda,
      targetUtilization: opts.targetUtilization,
    },
    options: opts,
    architecture: `Lambda priced as ${summarize(work.functions.map((f) => [f.name, f.architecture]))} (${architectureSource(
      assume,
      work.functions.map((f) => f.name),
    )})`,
    freeTier: freeTierSentence(opts.freeTier),
    ...(ctx.frontDoor ? { frontDoor: ctx.frontDoor.description } : {}),
    scenarios,
    curve,
    reference,
    notes: costNotes(ctx, opts, { isolated, unsized }, record),
  };
}

function normalizeOptions(o: AnalyzeCostOptions): CostOptionsRecord {
  const target = o.targetUtilization ?? DEFAULT_TARGET_UTILIZATION;
  if (!(target > 0 && target <= 1))
    throw new UsageError(
      `target utilization must be a fraction above 0 and at most 1, got ${target}`,
    );
  const cpuFraction = o.cpuFraction ?? null;
  if (cpuFraction !== null && !(cpuFraction > 0 && cpuFraction <= 1))
    throw new UsageError(`--cpu-fraction must be above 0 and at most 1, got ${cpuFraction}`);
  return {
    fleets: o.fleets ?? [],
    savingsPlanEc2: o.savingsPlanEc2 ?? 0,
    savingsPlanLambda: o.savingsPlanLambda ?? 0,
    targetUtilization: target,
    cpuFraction,
    frontDoor: o.frontDoor ?? 'none',
    freeTier: o.freeTier ?? false,
  };
}

function architectureSource(assume: ReturnType<typeof costAssumptions>, names: string[]): string {
  const sources = new Set(
    names.map((n) => (assume.functions[n] ?? assume.defaults).architecture.source),
  );
  return [...sources].join('; ');
}

/**
 * The lines under every cost table: that a throttled run prices its served work only, CPU-time
 * source, why a scenario is missing, monthly basis, what is left out.
 */
function costNotes(
  ctx: PricingContext,
  opts: CostOptionsRecord,
  { isolated, unsized }: { isolated: string[]; unsized: string[] },
  record: RunRecord,
): string[] {
  const { work } = ctx;
  const notes: string[] = [];
  const throttled = throttledWork(record);
  if (throttled) notes.push(throttledNote(throttled, work.requests));
  if (ctx.durable) notes.push(durableNote(ctx.durable));
  notes.push(`CPU time: ${work.vcpuSeconds.toFixed(1)} vCPU-s (${work.sources.vcpuSeconds}).`);
  if (isolated.length > 0)
    notes.push(
      `No provisioned-concurrency scenario: ${isolated.join(', ')} ${isolated.length > 1 ? 'run' : 'runs'} in tenant isolation mode, which AWS does not allow with provisioned concurrency (${TENANT_ISOLATION_SOURCE}).`,
    );
  else if (unsized.length > 0)
    notes.push(
      `No provisioned-concurrency scenario: the record has no lambda.concurrent_executions for ${unsized.join(', ')}, and no duration to estimate the peak from (Little's law: peak invocations per second × mean duration).`,
    );
  if (work.cpuKind === 'upper bound')
    notes.push(
      'CPU time is an upper bound (duration × the vCPU share of the memory): LMI and fleet figures marked "upper bound" are ceilings; give --cpu-fraction F to say how much of the duration is CPU.',
    );
  if (opts.cpuFraction !== null && !work.functions.some((f) => f.cpuKind === 'given'))
    notes.push(
      `--cpu-fraction ${opts.cpuFraction} not used: every function's CPU time is known from the record.`,
    );
  notes.push(
    work.durationSec >= 3600
      ? 'Per 30-day month: projected from this run (an hour or more).'
      : `Per 30-day month: this run lasted ${Math.round(work.durationSec)} s (under an hour), so the monthly figure is only "if this traffic ran all month", not a forecast.`,
  );
  notes.push(LEFT_OUT);
  return notes;
}
