/**
 * The two Lambda scenarios of a cost analysis. Pure.
 *
 * on-demand Lambda: compute = Σ_fn GB-s_fn × $/GB-s[arch_fn] × (1 − Lambda Savings Plan);
 *   requests × $0.20 / 1M. GB-s_fn = billed duration × the function's own memory / 1,024. With
 *   tenant isolation, plus `tenantEnvironmentsUsd` for the environments created (a compute line;
 *   see tenant-environment-cost.ts).
 * provisioned concurrency for the peak: each function keeps PC_fn = ceil(peak concurrency) warm for
 *   the run rounded up to 5 minutes (the peak observed in `lambda.concurrent_executions`, else
 *   estimated by Little's law: peak invocations per second × mean billed duration, see
 *   PeakConcurrency; analyzeCost leaves the scenario out when the record gives neither):
 *   PC_fn × memory GB × seconds × $/GB-s[PC, arch], plus its invocations' GB-s × $/GB-s[duration
 *   on PC, arch], both × (1 − Lambda Savings Plan), plus requests.
 *   https://aws.amazon.com/lambda/pricing/ ("rounded up to the nearest 5 minutes"). Its monthly
 *   figure keeps the same environments warm for the whole month (per second, not one rounded-up
 *   increment scaled).
 * Both carry the run's durable-function charges (durable-cost.ts), which LMI and fleets do not.
 */
import type { CostScenario, RunRecord } from '../record/run-record.js';
import { monthlyFreeTierUsd } from './free-tier.js';
import { tenantEnvironmentsUsd } from './tenant-environment-cost.js';
import { runPlatform } from './run-platform.js';
import { scenario, summarize, SECONDS_PER_MONTH, type PricingContext } from './pricing-context.js';
import { CLIENT_DURATION, type FunctionWork, type PeakConcurrency } from './work-done.js';

/** Provisioned concurrency is billed in 5-minute increments. */
export const PC_BILLING_INCREMENT_SEC = 300;

function lambdaInputs(functions: FunctionWork[]) {
  return {
    cpuTime: 'not used: Lambda bills duration, not CPU',
    memory: summarize(functions.map((f) => [f.name, `${f.memoryMb} MB`])),
    architecture: summarize(functions.map((f) => [f.name, f.architecture])),
    utilizationTarget: null,
  };
}

export function onDemandScenario(ctx: PricingContext, record: RunRecord): CostScenario {
  const { work, prices, plans } = ctx;
  const lambda = prices.lambda;
  const durationUsd = work.functions.reduce(
    (s, f) => s + f.gbSeconds * lambda.gbSecondUsd[f.architecture] * (1 - plans.lambda),
    0,
  );
  const clientSide = work.functions.some((f) => f.durationSource === CLIENT_DURATION);
  const observed = !clientSide && runPlatform(record) === 'on-demand';
  const perMonth = work.durationSec > 0 ? SECONDS_PER_MONTH / work.durationSec : 0;
  const credit = ctx.freeTier
    ? monthlyFreeTierUsd(
        work.requests * perMonth,
        work.gbSeconds * perMonth,
        lambda.requestsUsdPerMillion / 1e6,
        work.gbSeconds > 0 ? durationUsd / work.gbSeconds : 0,
      )
    : 0;
  const tenants = tenantEnvironmentsUsd(record, work.functions, prices);
  const durable = ctx.durable;
  return scenario(ctx, {
    name: 'lambda on-demand',
    basis: clientSide ? 'upper bound' : observed ? 'observed' : 'estimated',
    inputs: lambdaInputs(work.functions),
    compute: {
      durationUsd,
      ...(tenants.created > 0 ? { tenantEnvironmentsUsd: tenants.usd } : {}),
    },
    requestsUsd: (work.requests * lambda.requestsUsdPerMillion) / 1e6,
    ...(durable ? { otherUsd: durable.lines } : {}),
    utilization: null,
    monthlyCreditUsd: credit,
    note:
      `${work.gbSeconds.toFixed(1)} GB-s (${[...new Set(work.functions.map((f) => f.durationSource))].join('; ')}); ` +
      (clientSide
        ? 'duration from client latency (no lambda.duration_ms): an upper bound'
        : observed
          ? 'duration observed on on-demand Lambda in this run'
          : 'what-if: this run was not on on-demand Lambda; its invocation durations priced as on-demand') +
      (tenants.created > 0 ? `; ${tenants.created} tenant-isolated environments created` : '') +
      (durable
        ? `; ${Math.round(durable.operations)} durable operations, ${Math.round(durable.bytesWritten)} bytes written`
        : ''),
  });
}

/**
 * provisionedScenario: needs every function's peakConcurrency (analyzeCost leaves the scenario out,
 * with a note, when one is null); throws Error otherwise.
 */
export function provisionedScenario(ctx: PricingContext): CostScenario {
  const { work, prices, plans } = ctx;
  const billedSec =
    Math.ceil(work.durationSec / PC_BILLING_INCREMENT_SEC - 1e-9) * PC_BILLING_INCREMENT_SEC;
  let capacityUsd = 0;
  let capacityUsdPerSecond = 0;
  let durationUsd = 0;
  let provisionedGbSec = 0;
  const sizes: string[] = [];
  const estimated: string[] = [];
  for (const f of work.functions) {
    const peak = f.peakConcurrency;
    if (!peak) throw new Error(`provisionedScenario: no peak concurrency for ${f.name}`);
    const pc = Math.ceil(peak.value - 1e-9);
    const gbSec = ((pc * f.memoryMb) / 1024) * billedSec;
    provisionedGbSec += gbSec;
    const rate = prices.lambda.provisionedGbSecondUsd[f.architecture] * (1 - plans.lambda);
    capacityUsd += gbSec * rate;
    capacityUsdPerSecond += ((pc * f.memoryMb) / 1024) * rate;
    durationUsd +=
      f.gbSeconds *
      prices.lambda.provisionedDurationGbSecondUsd[f.architecture] *
      (1 - plans.lambda);
    sizes.push(`${f.name} ${pc}`);
    if (peak.kind === 'estimated' && peak.value > 0)
      estimated.push(`${f.name} ${littleText(peak)}`);
  }
  const clientSide = work.functions.some((f) => f.durationSource === CLIENT_DURATION);
  return scenario(ctx, {
    name: 'lambda + provisioned concurrency for peak',
    basis: clientSide ? 'upper bound' : 'estimated',
    inputs: lambdaInputs(work.functions),
    compute: { provisionedUsd: capacityUsd, durationUsd },
    requestsUsd: (work.requests * prices.lambda.requestsUsdPerMillion) / 1e6,
    ...(ctx.durable ? { otherUsd: ctx.durable.lines } : {}),
    utilization: provisionedGbSec > 0 ? work.gbSeconds / provisionedGbSec : null,
    computeUsdPerSecond: { provisionedUsd: capacityUsdPerSecond },
    note:
      `what-if: provisioned concurrency = ${sizingText(work.functions)} (${sizes.join(', ')}) for ${billedSec} s (5-minute increments)` +
      (estimated.length > 0
        ? `; estimated by Little's law, no lambda.concurrent_executions: peak invocations per second × mean billed duration (${estimated.join(', ')}), the mean concurrency of the busiest period (its instantaneous peak is higher)`
        : ''),
  });
}

/** Whether the sizes are the observed peaks, estimates, or some of each. */
function sizingText(functions: FunctionWork[]): string {
  const kinds = new Set(functions.map((f) => f.peakConcurrency?.kind));
  if (kinds.size > 1) return 'peak concurrency, observed or estimated';
  return kinds.has('observed') ? 'observed peak concurrency' : 'estimated peak concurrency';
}

/** `512/s × 68.0 ms` (and the period when the peak rate is a longer datapoint's average). */
function littleText(peak: Extract<PeakConcurrency, { kind: 'estimated' }>): string {
  const period = peak.periodSec === 1 ? '' : ` (${peak.periodSec} s datapoints)`;
  return `${Math.round(peak.peakRatePerSec * 10) / 10}/s${period} × ${(peak.meanDurationSec * 1000).toFixed(1)} ms`;
}
