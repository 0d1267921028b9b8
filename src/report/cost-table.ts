/**
 * The cost part of every report, as data: the scenario table (every figure followed by its
 * observed/estimated/upper-bound label), what each scenario was computed from, the sentences
 * under the table (prices, architecture, free tier, front door, CPU time, what is left out, the
 * break-even utilization) and the curve rows. Renderers lay these out with
 * cost-section.ts. Pure.
 */
import { appliedSavingsPlans } from '../analysis/savings-plans.js';
import type { Cost, CostScenario, RunRecord } from '../record/run-record.js';
import { formatPercent, formatUsd } from './format-values.js';
import type { TextTable } from './report-tables.js';

/** The label a figure carries: `observed`, `estimated` or `upper bound` (older records: `-`). */
function label(s: CostScenario): string {
  return s.basis ?? 'unlabelled';
}

function withLabel(text: string, s: CostScenario): string {
  return text === '-' ? '-' : `${text} (${label(s)})`;
}

function monthly(s: CostScenario): string {
  const basis = s.monthlyBasis === 'projected' ? 'projected' : 'if this traffic ran all month';
  return `${formatUsd(s.monthlyUsd)} (${label(s)}, ${basis})`;
}

/** costTable: one row per scenario, each figure labelled. */
export function costTable(record: RunRecord): TextTable {
  return {
    header: [
      'scenario',
      'compute',
      'total per run',
      'per 1M requests',
      'per 30-day month',
      'utilization',
    ],
    rows: (record.cost?.scenarios ?? []).map((s) => [
      s.name,
      withLabel(formatUsd(s.computeUsd ?? s.totalUsd), s),
      withLabel(formatUsd(s.totalUsd), s),
      withLabel(formatUsd(s.perMillionUsd), s),
      monthly(s),
      withLabel(formatPercent(s.utilization), s),
    ]),
  };
}

/** costInputsTable: what each scenario's compute figure was computed from. */
export function costInputsTable(record: RunRecord): TextTable {
  return {
    header: ['scenario', 'basis', 'CPU time', 'memory', 'architecture', 'target', 'how'],
    rows: (record.cost?.scenarios ?? []).map((s) => [
      s.name,
      label(s),
      s.inputs?.cpuTime ?? '-',
      s.inputs?.memory ?? '-',
      s.inputs?.architecture ?? '-',
      formatPercent(s.inputs?.utilizationTarget ?? null),
      s.note ?? '',
    ]),
  };
}

/** costInputsLines: the inputs table as one sentence a scenario (for narrow terminals). */
export function costInputsLines(record: RunRecord): string[] {
  return (record.cost?.scenarios ?? []).map((s) => {
    const i = s.inputs;
    const target =
      i?.utilizationTarget != null ? `; target ${formatPercent(i.utilizationTarget)}` : '';
    const from = i
      ? `CPU time ${i.cpuTime}; memory ${i.memory}; architecture ${i.architecture}${target}`
      : 'inputs not recorded';
    return `${s.name} (${label(s)}): ${from}. ${s.note ?? ''}`.trim();
  });
}

/** pricesLine: the sentence stating which price table the costs use. */
export function pricesLine(record: RunRecord): string {
  if (!record.cost) return 'No cost analysis in this run record.';
  const p = record.cost.prices;
  return `Prices of ${p.date}${p.region ? ` (${p.region})` : ''}, source: ${p.source}.`;
}

/**
 * savingsPlansLine: the Savings Plans discounts the figures carry (`cost.work`), or that none
 * was applied. Every report states it beside the cost table, as it does the free tier.
 */
export function savingsPlansLine(cost: Cost): string {
  const plans = appliedSavingsPlans(cost);
  if (!plans) return 'Savings Plans: not stated in this record.';
  const { ec2, lambda } = plans;
  if (ec2 === 0 && lambda === 0)
    return 'Savings Plans: none applied (--savings-plan-ec2 F discounts instances, --savings-plan-lambda F Lambda duration).';
  return (
    `Savings Plans: EC2 ${formatPercent(ec2)} off instance charges (fixed fleets, the EC2 part of LMI; never the LMI fee); ` +
    `Lambda ${formatPercent(lambda)} off duration and provisioned concurrency; requests never discounted.`
  );
}

/** breakEvenLine: where a fleet (and LMI) beats on-demand Lambda on compute. */
export function breakEvenLine(cost: Cost): string | null {
  const r = cost.reference;
  if (!r) return null;
  const at = (u: number | null) => (u === null ? null : formatPercent(u));
  const fleet = at(r.fleetBreakEvenUtilization);
  const lmi = at(r.lmiBreakEvenUtilization);
  return (
    `Break-even: ${fleet ? `a fleet beats on-demand Lambda above ${fleet} average utilization` : 'a fleet does not beat on-demand Lambda at any utilization up to 100%'}` +
    `; ${lmi ? `LMI (with its fee) above ${lmi}` : 'LMI does not at any utilization up to 100%'}` +
    ` (compute only; on-demand compute ${formatUsd(r.onDemandComputeUsd)}).`
  );
}

/** costLines: the sentences under the cost table, in reading order. */
export function costLines(record: RunRecord): string[] {
  const cost = record.cost;
  if (!cost) return [pricesLine(record)];
  const lines = [
    "Labels: observed = compute measured on that platform in this run; estimated = a what-if from this run's work; upper bound = a what-if whose CPU time is taken as the whole duration.",
    pricesLine(record),
  ];
  if (cost.architecture) lines.push(`${cost.architecture}.`);
  lines.push(cost.freeTier ?? 'Lambda free tier: not stated in this record (made before it was).');
  if (cost.frontDoor) lines.push(`Front door: ${cost.frontDoor}.`);
  else
    lines.push(
      'Front door: none priced (--front-door http-api|rest-api|function-url|alb adds one).',
    );
  lines.push(savingsPlansLine(cost));
  lines.push(...(cost.notes ?? []));
  const breakEven = breakEvenLine(cost);
  if (breakEven) lines.push(breakEven);
  const onCurve = marked(cost);
  if (onCurve.length > 0)
    lines.push(
      `On the curve: ${onCurve
        .map(
          (s) =>
            `${s.name} at ${formatPercent(s.utilization)} (${formatUsd(s.computeUsd ?? s.totalUsd)} compute, ${label(s)})`,
        )
        .join('; ')}.`,
    );
  return lines;
}

/** costCurveTable: compute cost of the same work at each utilization, fleet and LMI. */
export function costCurveTable(record: RunRecord): TextTable {
  const cost = record.cost;
  // The curve is a what-if of the same CPU work: it carries the fleets' label (estimated or
  // upper bound); the reference line carries on-demand Lambda's.
  const fleet = cost?.scenarios.find((s) => s.name.startsWith('fixed fleet'));
  const onDemand = cost?.scenarios.find((s) => s.name === 'lambda on-demand');
  const curveLabel = (usd: number | undefined) =>
    fleet ? withLabel(formatUsd(usd), fleet) : formatUsd(usd);
  const reference =
    cost?.reference && onDemand
      ? withLabel(formatUsd(cost.reference.onDemandComputeUsd), onDemand)
      : '-';
  return {
    header: ['utilization', 'fleet compute', 'LMI compute (with fee)', 'on-demand Lambda compute'],
    rows: (cost?.curve ?? []).map((p) => [
      formatPercent(p.utilization),
      curveLabel(p.costUsd),
      curveLabel(p.lmiUsd),
      reference,
    ]),
  };
}

/** The scenarios that sit on the curve (they have a utilization), for markers. */
function marked(cost: Cost): CostScenario[] {
  return cost.scenarios.filter((s) => s.utilization !== null && s.utilization > 0);
}
