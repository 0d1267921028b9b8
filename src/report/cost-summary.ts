/**
 * The cost summary every layout calls as one block: `costHeadline` (one sentence: the cheapest
 * scenario and the others per million requests, each with its observed/estimated label) for the
 * one-screen terminal summary and Markdown; `costScenarioView` (the scenarios side by side) and
 * `costCurvePlot` (the compute cost of the same work against utilization, each scenario marked on
 * it) for the HTML report; `costDetailTerminal` (the long tables) for `--verbose`. The detailed
 * cost tables belong to the cost analysis (issue 9's cost-section.ts has the same signature as
 * costDetailTerminal); this file only summarises. Pure.
 */
import { DURABLE_LINES, durableFooting, durableUsdOf } from '../analysis/durable-cost.js';
import { appliedSavingsPlans } from '../analysis/savings-plans.js';
import { throttledPercent, throttledWork } from '../analysis/throttled-work.js';
import type { Cost, CostScenario, RunRecord } from '../record/run-record.js';
import { formatPercent, formatUsd } from './format-values.js';
import { costTable, pricesLine } from './cost-table.js';
import type { TextTable } from './report-tables.js';

/** Whether a scenario's compute was measured on that platform in this run, or is a what-if. */
export type CostBasis = 'observed' | 'estimated' | 'upper bound';

/**
 * costBasis: a scenario's own `basis` when the record has one, else read from its note
 * ("observed lmi.instances" / "estimated: ..."); a fixed fleet is always a what-if (estimated),
 * as is pay-per-request Lambda priced from another platform's run.
 */
export function costBasis(record: RunRecord, s: CostScenario): CostBasis {
  const own = (s as { basis?: unknown }).basis;
  if (own === 'observed' || own === 'estimated' || own === 'upper bound') return own;
  if (/^estimated/i.test(s.note ?? '')) return 'estimated';
  if (/observed/i.test(s.note ?? '')) return 'observed';
  if (/on-demand/.test(s.name)) return record.target.platform === 'lmi' ? 'estimated' : 'observed';
  return 'estimated';
}

/** One scenario as the reports show it. */
export interface CostScenarioView {
  name: string;
  basis: CostBasis;
  totalUsd: string;
  perMillionUsd: string;
  monthlyUsd: string | null;
  utilization: string;
  note: string;
  /** Cheapest on the same footing: without durable charges when only some scenarios carry them. */
  cheapest: boolean;
  /** This scenario's figures without its durable charges, when other scenarios lack them. */
  withoutDurable: { totalUsd: string; perMillionUsd: string } | null;
}

/** Per 30-day month only for runs of an hour or more (DESIGN.md, "Cost analysis"). */
function durationSec(record: RunRecord): number {
  const end = record.endedAt ? Date.parse(record.endedAt) : NaN;
  const fromTimes = (end - Date.parse(record.startedAt)) / 1000;
  return Number.isFinite(fromTimes) ? fromTimes : record.timeline.length;
}

/**
 * costScenarioView: the record's scenarios in record order; empty without a cost analysis. When
 * only some scenarios carry durable-function charges (the Lambda ones: durableFooting), the
 * cheapest is chosen on totals without them, the footing every scenario shares.
 */
export function costScenarioView(record: RunRecord): CostScenarioView[] {
  const scenarios = record.cost?.scenarios ?? [];
  const footing = durableFooting(scenarios);
  const comparable = (s: CostScenario) => s.totalUsd - (footing ? durableUsdOf(s) : 0);
  const cheapest = Math.min(...scenarios.map(comparable));
  const monthly = durationSec(record) >= 3600;
  return scenarios.map((s) => ({
    name: s.name,
    basis: costBasis(record, s),
    totalUsd: formatUsd(s.totalUsd),
    perMillionUsd: formatUsd(s.perMillionUsd),
    monthlyUsd: monthly ? formatUsd(s.monthlyUsd) : null,
    utilization: formatPercent(s.utilization),
    note: s.note ?? '',
    cheapest: comparable(s) === cheapest,
    withoutDurable:
      footing && durableUsdOf(s) > 0
        ? {
            totalUsd: formatUsd(comparable(s)),
            perMillionUsd: formatUsd(
              s.perMillionUsd !== null && s.totalUsd > 0
                ? (s.perMillionUsd * comparable(s)) / s.totalUsd
                : null,
            ),
          }
        : null,
  }));
}

/**
 * costHeadline: one sentence, e.g. "Cost: cheapest fleet m7g.large x 2, $0.467 per 1M requests
 * (90% utilized, estimated); lmi $1.81 (observed), ... Prices of 2026-07-20; Savings Plans EC2 30%,
 * Lambda 10%." (that clause only when a discount was applied), and for a throttled run
 * "Served work only: 21.3% of requests were throttled, ...". When only the Lambda scenarios carry
 * durable-function charges, every figure is without them and a sentence says so. Null without cost.
 */
export function costHeadline(record: RunRecord): string | null {
  if (!record.cost || record.cost.scenarios.length === 0) return null;
  const views = costScenarioView(record);
  const best = views.find((v) => v.cheapest) ?? views[0];
  const utilized = (v: CostScenarioView) =>
    v.utilization === '-' ? '' : `${v.utilization} utilized, `;
  const perMillion = (v: CostScenarioView) => (v.withoutDurable ?? v).perMillionUsd;
  const others = views
    .filter((v) => v !== best)
    .map((v) => `${v.name} ${perMillion(v)} (${utilized(v)}${v.basis})`);
  return (
    `Cost: cheapest ${best.name}, ${perMillion(best)} per 1M requests (${utilized(best)}${best.basis}; ${(best.withoutDurable ?? best).totalUsd} for this run)` +
    (others.length > 0 ? `; ${others.join(', ')}` : '') +
    `. Prices of ${record.cost.prices.date}${savingsPlansClause(record.cost)}.` +
    durableClause(record.cost) +
    servedWorkClause(record)
  );
}

/** ` Compared without the durable-function charges ...` when only some scenarios carry them. */
function durableClause(cost: Cost): string {
  const footing = durableFooting(cost.scenarios);
  return footing
    ? ` Compared without the durable-function charges (${formatUsd(footing.usd)} for this run), which only the Lambda scenarios carry: the LMI and fleet figures leave them out.`
    : '';
}

/** ` Served work only: ...` for a throttled run (the figures price what was served), else nothing. */
function servedWorkClause(record: RunRecord): string {
  const throttled = throttledWork(record);
  return throttled
    ? ` Served work only: ${throttledPercent(throttled)} of requests were throttled, so every figure understates the cost of serving all of them.`
    : '';
}

/** `; Savings Plans EC2 30%, Lambda 10%` when the figures carry a discount, else nothing. */
function savingsPlansClause(cost: Cost): string {
  const plans = appliedSavingsPlans(cost);
  return plans && (plans.ec2 > 0 || plans.lambda > 0)
    ? `; Savings Plans EC2 ${formatPercent(plans.ec2)}, Lambda ${formatPercent(plans.lambda)}`
    : '';
}

/** costDetailTable: the long cost table (every scenario with its basis) for --verbose. */
export function costDetailTable(record: RunRecord): TextTable {
  const base = costTable(record);
  const views = costScenarioView(record);
  return {
    header: [...base.header, 'compute'],
    rows: base.rows.map((r, i) => [...r, views[i].basis]),
  };
}

/** costCurveLine: the curve as a sentence, `10%: $0.00469, 20%: ...`. */
export function costCurveLine(record: RunRecord): string | null {
  if (!record.cost || record.cost.curve.length === 0) return null;
  const curve = record.cost.curve
    .map((p) => `${Math.round(p.utilization * 100)}%: ${formatUsd(p.costUsd)}`)
    .join(', ');
  return `A fleet's compute cost for the same work at each utilization: ${curve}.`;
}

/** One compute-only line of the cost curve: its label, the meaning that colours it, a value at each x. */
export interface CostCurveLine {
  label: string;
  meaning: 'cost' | 'lmiCost' | 'lambdaCost';
  values: number[];
  /** A flat reference, drawn dashed. */
  dashed?: boolean;
}

/** The cost curve with every scenario that has a utilization marked on it (HTML chart data). */
export interface CostCurvePlot {
  /** Utilization in percent. */
  x: number[];
  /** Compute cost in USD at each x: fleet, LMI with its fee, on-demand Lambda as a reference. */
  lines: CostCurveLine[];
  /** Each scenario at its utilization and its compute cost (as the lines are: compute only). */
  marks: Array<{ name: string; basis: CostBasis; utilizationPct: number; costUsd: number }>;
}

/** Breakdown lines that are not compute: requests, the front door, durable charges. */
const NOT_COMPUTE = new Set(['requestsUsd', 'frontDoorUsd', ...DURABLE_LINES]);

/** A scenario's compute cost: its own computeUsd, else (older records) total minus the rest. */
function computeOf(s: CostScenario): number {
  if (s.computeUsd !== undefined) return s.computeUsd;
  return Object.entries(s.breakdown).reduce(
    (n, [key, usd]) => (NOT_COMPUTE.has(key) ? n : n + usd),
    0,
  );
}

/**
 * costCurvePlot: the compute-only curve (the fleet, LMI with its 15% fee, and on-demand Lambda's
 * compute as a flat reference line, each when the record has it) and the scenarios placed on it
 * at their utilization, each at its compute cost, so marks and lines compare (requests, the front
 * door and durable charges are on neither). Null without a curve.
 */
export function costCurvePlot(record: RunRecord): CostCurvePlot | null {
  const cost = record.cost;
  if (!cost || cost.curve.length === 0) return null;
  const marks = cost.scenarios
    .filter((s) => s.utilization !== null && s.utilization > 0)
    .map((s) => ({
      name: s.name,
      basis: costBasis(record, s),
      utilizationPct: Math.round((s.utilization ?? 0) * 1000) / 10,
      costUsd: computeOf(s),
    }));
  const lines: CostCurveLine[] = [
    { label: 'fleet compute', meaning: 'cost', values: cost.curve.map((p) => p.costUsd) },
  ];
  if (cost.curve.every((p) => p.lmiUsd !== undefined))
    lines.push({
      label: 'LMI compute (with its 15% fee)',
      meaning: 'lmiCost',
      values: cost.curve.map((p) => p.lmiUsd!),
    });
  if (cost.reference)
    lines.push({
      label: 'on-demand Lambda compute (reference)',
      meaning: 'lambdaCost',
      values: cost.curve.map(() => cost.reference!.onDemandComputeUsd),
      dashed: true,
    });
  return { x: cost.curve.map((p) => Math.round(p.utilization * 1000) / 10), lines, marks };
}

/**
 * costDetailTerminal: the long cost block of `--verbose`: heading, the scenario table with each
 * basis, the headline, the prices and the curve, laid out by the caller's table, wrap and bold.
 */
export function costDetailTerminal(
  record: RunRecord,
  renderTable: (t: TextTable) => string,
  wrap: (text: string) => string,
  bold: (text: string) => string = (s) => s,
): string {
  if (!record.cost) return '';
  const headline = costHeadline(record);
  const curve = costCurveLine(record);
  return [
    bold('Cost of this run'),
    renderTable(costDetailTable(record)),
    ...(headline ? [wrap(headline)] : []),
    wrap(pricesLine(record)),
    ...(curve ? [wrap(curve)] : []),
  ].join('\n');
}
