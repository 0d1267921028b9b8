/**
 * costCurve: the compute cost of this run's CPU work V (vCPU-seconds) on instances of one type
 * (c vCPUs, P $/h) at average utilization u, beside on-demand Lambda's compute cost L:
 *   fleet(u) = V / (u × c) / 3600 × P × (1 − d)          (d: EC2 Savings Plan)
 *   lmi(u)   = V / (u × c) / 3600 × P × (1 − d + 0.15)   (the fee is never discounted)
 * Break-even: fleet(u*) = L  =>  u* = V × P × (1 − d) / (c × 3600 × L); a fleet beats on-demand
 * above u*. Null when u* > 1 (never) or L = 0. Requests and the front door are left out: the
 * curve is compute only. Pure.
 */
import type { Cost } from '../record/run-record.js';
import { hourly, type PricingContext } from './pricing-context.js';
import { vcpusOf } from './work-done.js';

/** Utilizations at which the cost curve is priced. */
export const CURVE_UTILIZATIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export function costCurve(
  ctx: PricingContext,
  onDemandComputeUsd: number,
): { curve: Cost['curve']; reference: NonNullable<Cost['reference']> } {
  const type = ctx.assume.lmi.instanceType.value;
  const perVcpuSecond = hourly(ctx.prices, type) / vcpusOf(ctx.prices, type) / 3600;
  const base = ctx.work.vcpuSeconds * perVcpuSecond;
  const ec2 = 1 - ctx.plans.ec2;
  const lmi = ec2 + ctx.prices.lmi.managementFeeFraction;
  const breakEven = (factor: number) => {
    if (onDemandComputeUsd <= 0) return null;
    const u = (base * factor) / onDemandComputeUsd;
    return u <= 1 ? u : null;
  };
  return {
    curve: CURVE_UTILIZATIONS.map((u) => ({
      utilization: u,
      costUsd: (base / u) * ec2,
      lmiUsd: (base / u) * lmi,
    })),
    reference: {
      onDemandComputeUsd,
      fleetBreakEvenUtilization: breakEven(ec2),
      lmiBreakEvenUtilization: breakEven(lmi),
    },
  };
}
