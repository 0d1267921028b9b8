/**
 * The scenarios priced by the instance-hour: LMI and fixed fleets. Pure. With h = instance-seconds
 * / 3600, P = On-Demand hourly price, d = EC2 Savings Plan discount:
 *   LMI         = h × P × (1 − d) + 0.15 × h × P (fee never discounted) + requests × $0.20 / 1M
 *   fixed fleet = n × run seconds / 3600 × P × (1 − d), n = ceil(peak busy vCPUs / (target × vCPUs))
 * LMI is observed when the record has `lmi.instances`, else a what-if (lmi-what-if.ts).
 */
import type { CostBasis, CostInputs, CostScenario } from '../record/run-record.js';
import { durableLeftOut } from './durable-cost.js';
import type { FleetSpec } from './fleet-spec.js';
import { lmiWhatIf } from './lmi-what-if.js';
import {
  hourly,
  instanceArchitecture,
  pct,
  scenario,
  summarize,
  type PricingContext,
} from './pricing-context.js';
import { vcpusOf } from './work-done.js';

/** The CPU-time line of a what-if's inputs, and its basis. */
function cpuBasis(ctx: PricingContext): { basis: CostBasis; cpuTime: string } {
  const { work } = ctx;
  const basis: CostBasis = work.cpuKind === 'upper bound' ? 'upper bound' : 'estimated';
  return { basis, cpuTime: `${work.vcpuSeconds.toFixed(1)} vCPU-s: ${work.sources.vcpuSeconds}` };
}

/** The memory LMI was sized with: the model's function memory per execution environment. */
function lmiMemory(ctx: PricingContext): string {
  return `${ctx.assume.lmi.functionMemoryGiB} GiB per LMI execution environment`;
}

/** A fleet is sized by CPU, not memory. */
const FLEET_MEMORY = 'not used: a fleet is sized by peak vCPUs';

function instanceInputs(
  memory: string,
  cpuTime: string,
  type: string,
  target: number | null,
): CostInputs {
  return {
    cpuTime,
    memory,
    architecture: `${instanceArchitecture(type)} (${type})`,
    utilizationTarget: target,
  };
}

export function lmiScenario(ctx: PricingContext): CostScenario {
  const { work, prices, assume } = ctx;
  const fee = prices.lmi.managementFeeFraction;
  const requestsUsd = (work.requests * prices.lmi.requestsUsdPerMillion) / 1e6;
  const priced = (seconds: Record<string, number>) =>
    Object.entries(seconds).reduce((s, [t, sec]) => s + (sec / 3600) * hourly(prices, t), 0);
  if (Object.keys(work.instanceSeconds).length > 0) {
    const od = priced(work.instanceSeconds);
    const types = Object.keys(work.instanceSeconds);
    return scenario(ctx, {
      name: 'lmi',
      basis: 'observed',
      inputs: {
        cpuTime: 'lmi.cpu_utilization × instance vCPUs (observed)',
        memory: summarize(work.functions.map((f) => [f.name, `${f.memoryMb} MB`])),
        architecture: types.map((t) => `${instanceArchitecture(t)} (${t})`).join(', '),
        utilizationTarget: assume.lmi.targetCpu?.value ?? null,
      },
      compute: { ec2Usd: od * (1 - ctx.plans.ec2), managementFeeUsd: od * fee },
      requestsUsd,
      utilization: work.lmiCpuUtilization,
      note:
        `observed lmi.instances over the run's ${work.durationSec} s: ${describe(work.instanceSeconds)}` +
        durableLeftOut(ctx.durable, 'lmi'),
    });
  }
  const type = assume.lmi.instanceType.value;
  const hourlyUsd = hourly(prices, type);
  const target = assume.lmi.targetCpu?.value ?? ctx.target;
  const whatIf = lmiWhatIf(
    work.functions,
    work.functions.map((f) => f.demand),
    Object.keys(assume.functions).filter((n) => !work.functions.some((f) => f.name === n)),
    work.durationSec,
    assume.lmi,
    target,
    { vcpus: vcpusOf(prices, type), memoryGiB: prices.ec2[type].memoryGiB },
    ctx.startMs,
  );
  const od = (whatIf.instanceSeconds / 3600) * hourlyUsd;
  const { basis, cpuTime } = cpuBasis(ctx);
  const targetSource = assume.lmi.targetCpu ? assume.lmi.targetCpu.source : 'analysis target';
  return scenario(ctx, {
    name: 'lmi',
    basis,
    inputs: instanceInputs(lmiMemory(ctx), cpuTime, type, target),
    compute: { ec2Usd: od * (1 - ctx.plans.ec2), managementFeeUsd: od * fee },
    requestsUsd,
    utilization: whatIf.utilization,
    note:
      `what-if: no LMI instances observed; CPU work at ${pct(target)} (${targetSource}) per ${assume.lmi.windowSec} s window, ` +
      `${whatIf.rule}; ${describe({ [type]: whatIf.instanceSeconds })}` +
      durableLeftOut(ctx.durable, 'lmi'),
  });
}

function describe(instanceSeconds: Record<string, number>): string {
  return Object.entries(instanceSeconds)
    .map(([type, s]) => `${(s / 3600).toFixed(3)} instance-hours of ${type}`)
    .join(', ');
}

/** The fleet sized for the observed peak: n = ceil(peak vCPUs / (target × vCPUs)), at least 1. */
export function fleetForPeak(ctx: PricingContext): FleetSpec {
  const type = ctx.assume.lmi.instanceType.value;
  hourly(ctx.prices, type);
  const count = Math.max(
    1,
    Math.ceil(ctx.work.peakVcpus / (ctx.target * vcpusOf(ctx.prices, type)) - 1e-9),
  );
  return { instanceType: type, count };
}

export function fleetScenario(
  ctx: PricingContext,
  name: string,
  fleet: FleetSpec,
  target: number | null,
): CostScenario {
  const { work } = ctx;
  const vcpus = vcpusOf(ctx.prices, fleet.instanceType);
  const capacityVcpuSec = fleet.count * vcpus * work.durationSec;
  const ec2Usd =
    fleet.count *
    (work.durationSec / 3600) *
    hourly(ctx.prices, fleet.instanceType) *
    (1 - ctx.plans.ec2);
  const { basis, cpuTime } = cpuBasis(ctx);
  return scenario(ctx, {
    name,
    basis,
    inputs: instanceInputs(FLEET_MEMORY, cpuTime, fleet.instanceType, target),
    compute: { ec2Usd },
    requestsUsd: 0,
    utilization: capacityVcpuSec > 0 ? work.vcpuSeconds / capacityVcpuSec : null,
    note:
      `what-if: ${fleet.count} x ${fleet.instanceType} for ${work.durationSec} s; peak demand ${work.peakVcpus.toFixed(2)} vCPU` +
      durableLeftOut(ctx.durable, 'fleet'),
  });
}
