/**
 * PricingContext: what every scenario builder of analyzeCost reads (prices, work done, the
 * options in force), and `scenario`, which turns a breakdown into a CostScenario with its compute
 * line, total, per-million and monthly figures. Pure.
 */
import { UsageError } from '../errors.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { CostBasis, CostInputs, CostScenario } from '../record/run-record.js';
import type { CostAssumptions } from './cost-assumptions.js';
import type { DurableCost } from './durable-cost.js';
import type { FrontDoorCost } from './front-door.js';
import type { SavingsPlans } from './savings-plans.js';
import type { WorkDone } from './work-done.js';

/** Seconds in the 30-day month used for projections. */
export const SECONDS_PER_MONTH = 30 * 86_400;
/** A run shorter than this is not projected to a month, only scaled ("if this traffic ran all month"). */
export const MIN_PROJECTION_SEC = 3600;

export interface PricingContext {
  prices: PriceTable;
  work: WorkDone;
  assume: CostAssumptions;
  plans: SavingsPlans;
  /** Utilization target of the fixed fleet and of an LMI what-if without a model target. */
  target: number;
  frontDoor: FrontDoorCost | null;
  freeTier: boolean;
  startMs: number;
  /** The run's durable-function charges (priced on the Lambda scenarios only), if any. */
  durable: DurableCost | undefined;
}

/** The parts of a scenario its builder supplies. */
export interface ScenarioParts {
  name: string;
  basis: CostBasis;
  inputs: CostInputs;
  /** Compute lines (duration, instances, fee, provisioned capacity). */
  compute: Record<string, number>;
  requestsUsd: number;
  utilization: number | null;
  note: string;
  /** Subtracted from the monthly figure (the free tier), already per month. */
  monthlyCreditUsd?: number;
  /**
   * Compute lines billed in increments (provisioned concurrency's 5 minutes): their per-second
   * rate, so a month is priced pro rata instead of scaling one rounded-up increment.
   */
  computeUsdPerSecond?: Record<string, number>;
  /** Lines that are neither compute nor requests (durable operations, data written, retained). */
  otherUsd?: Record<string, number>;
}

/**
 * scenario adds the front door and derives total, per-million and monthly figures: monthly =
 * Σ lines × 2,592,000 s / run seconds, except increment-billed lines (per second × 2,592,000) and
 * the front door (its own monthly price), minus any monthly credit (the free tier).
 */
export function scenario(ctx: PricingContext, parts: ScenarioParts): CostScenario {
  const computeUsd = Object.values(parts.compute).reduce((a, b) => a + b, 0);
  const breakdown: Record<string, number> = {
    ...parts.compute,
    requestsUsd: parts.requestsUsd,
    ...parts.otherUsd,
  };
  if (ctx.frontDoor) breakdown.frontDoorUsd = ctx.frontDoor.usd;
  const totalUsd = Object.values(breakdown).reduce((a, b) => a + b, 0);
  const { requests, durationSec } = ctx.work;
  const perMonth = durationSec > 0 ? SECONDS_PER_MONTH / durationSec : 0;
  // A month: each line scaled by the run's length, except lines billed by the increment (priced
  // per second × a month) and the front door (its own monthly figure).
  let monthly = 0;
  for (const [key, usd] of Object.entries(breakdown)) {
    const perSecond = parts.computeUsdPerSecond?.[key];
    if (key === 'frontDoorUsd' && ctx.frontDoor) monthly += ctx.frontDoor.monthlyUsd;
    else if (perSecond !== undefined) monthly += perSecond * SECONDS_PER_MONTH;
    else monthly += usd * perMonth;
  }
  return {
    name: parts.name,
    basis: parts.basis,
    inputs: parts.inputs,
    computeUsd,
    totalUsd,
    perMillionUsd: requests > 0 ? (totalUsd / requests) * 1e6 : null,
    monthlyUsd: durationSec > 0 ? Math.max(0, monthly - (parts.monthlyCreditUsd ?? 0)) : 0,
    monthlyBasis: durationSec >= MIN_PROJECTION_SEC ? 'projected' : 'if this traffic ran all month',
    utilization: parts.utilization,
    breakdown,
    note: parts.note,
  };
}

/** hourly: the On-Demand price of a type; UsageError (exit 2) naming the table when it has none. */
export function hourly(prices: PriceTable, type: string): number {
  const price = prices.ec2[type];
  if (!price) {
    throw new UsageError(
      `no price for instance type ${type} in the ${prices.region} table of ${prices.date}; ` +
        `known: ${Object.keys(prices.ec2).join(', ')} (pass --prices FILE with its price, or run \`flashcrowd prices refresh\`)`,
    );
  }
  return price.hourlyUsd;
}

/** A fraction as a percentage with one decimal: 0.4 -> `40%`. */
export function pct(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

/** "x86_64" when all functions share it, else "x86_64 (a, b), arm64 (c)". */
export function summarize(values: Array<[fn: string, value: string]>): string {
  const byValue = new Map<string, string[]>();
  for (const [fn, v] of values) byValue.set(v, [...(byValue.get(v) ?? []), fn]);
  if (byValue.size <= 1) return [...byValue.keys()][0] ?? '-';
  return [...byValue.entries()].map(([v, fns]) => `${v} (${fns.join(', ')})`).join(', ');
}

/** The instance family's architecture: Graviton families (a `g` after the generation) are arm64. */
export function instanceArchitecture(type: string): 'arm64' | 'x86_64' {
  return /^[a-z]+\d+g[a-z]*\./.test(type) ? 'arm64' : 'x86_64';
}
