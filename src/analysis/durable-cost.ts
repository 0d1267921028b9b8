/**
 * durableCostUsd: the durable-functions charges of a run, lines of the Lambda scenarios beside
 * requests and duration (replays are already in those, as invocations): durable operations at
 * $8.00 per million, data written at $0.25 per GB, and data retained at $0.15 per GB-month for
 * the retention period (DurableConfig.RetentionPeriodInDays, default 14 days; a month = 30 days).
 * Prices: https://aws.amazon.com/lambda/pricing/ (us-east-1). Reads the record's
 * `lambda.durable_operations` and `lambda.durable_storage_written_bytes` series (model, or the
 * collector's DurableExecutionOperations / DurableExecutionStorageWrittenBytes) and the
 * retention of each function from `platform.model` (`durable.<fn>`), else the default. GB = 2^30
 * bytes (assumed: the pricing page does not say). Only the Lambda scenarios carry these lines:
 * AWS's documentation does not say whether durable functions run on LMI, and a fleet has no
 * durable execution, so the LMI and fleet scenarios say they leave them out, and durableFooting
 * tells a report when totals therefore do not compare. Pure.
 */
import type { CostScenario, RunRecord } from '../record/run-record.js';

/** USD per million durable operations. https://aws.amazon.com/lambda/pricing/ */
export const DURABLE_OPERATION_USD_PER_MILLION = 8.0;
/** USD per GB of durable data written. https://aws.amazon.com/lambda/pricing/ */
export const DURABLE_WRITTEN_USD_PER_GB = 0.25;
/** USD per GB-month of durable data retained. https://aws.amazon.com/lambda/pricing/ */
export const DURABLE_RETAINED_USD_PER_GB_MONTH = 0.15;
/** RetentionPeriodInDays default. https://docs.aws.amazon.com/lambda/latest/api/API_DurableConfig.html */
const DEFAULT_RETENTION_DAYS = 14;
const GB = 1024 ** 3;

export interface DurableCost {
  operations: number;
  bytesWritten: number;
  /** Breakdown lines (absent when the run has no durable series). */
  lines: { durableOperationsUsd: number; durableWrittenUsd: number; durableRetentionUsd: number };
}

/** durableCostUsd: undefined when the record has no durable series. */
export function durableCostUsd(record: RunRecord): DurableCost | undefined {
  let operations = 0;
  let bytesWritten = 0;
  let gbMonths = 0;
  let seen = false;
  const sumOf = (s: RunRecord['platform']['series'][number]) =>
    s.points.reduce((a, [, v]) => a + v, 0);
  for (const s of record.platform.series) {
    if (s.name === 'lambda.durable_operations') {
      seen = true;
      operations += sumOf(s);
    } else if (s.name === 'lambda.durable_storage_written_bytes') {
      const sum = sumOf(s);
      seen = true;
      bytesWritten += sum;
      gbMonths += (sum / GB) * (retentionDays(record, s.labels.function) / 30);
    }
  }
  if (!seen) return undefined;
  return {
    operations,
    bytesWritten,
    lines: {
      durableOperationsUsd: (operations * DURABLE_OPERATION_USD_PER_MILLION) / 1e6,
      durableWrittenUsd: (bytesWritten / GB) * DURABLE_WRITTEN_USD_PER_GB,
      durableRetentionUsd: gbMonths * DURABLE_RETAINED_USD_PER_GB_MONTH,
    },
  };
}

/** durableTotalUsd: the sum of a run's durable charges. */
export function durableTotalUsd(d: DurableCost): number {
  return Object.values(d.lines).reduce((a, b) => a + b, 0);
}

/** Dollars with 3 significant figures: `$0.00146`. */
function usd(v: number): string {
  return `$${Number(v.toPrecision(3))}`;
}

/** The cost note of a run with durable charges: they are on the Lambda scenarios only. */
export function durableNote(d: DurableCost): string {
  return (
    `Durable functions: ${usd(durableTotalUsd(d))} for this run (${Math.round(d.operations).toLocaleString('en-US')} durable operations, ` +
    `${Math.round(d.bytesWritten).toLocaleString('en-US')} bytes written and retained), priced on the Lambda scenarios only. ` +
    'The LMI and fleet figures leave them out (AWS does not document whether durable functions run on LMI; a fleet has no durable execution, and the state store it would need is not priced), ' +
    'so their totals are not on the same footing as the Lambda ones.'
  );
}

/** The clause an LMI or fleet scenario's note ends with when the run has durable charges. */
export function durableLeftOut(d: DurableCost | undefined, where: 'lmi' | 'fleet'): string {
  if (!d) return '';
  const why =
    where === 'lmi'
      ? 'AWS does not document whether durable functions run on LMI'
      : 'a fleet has no durable execution; its own state store is not priced';
  return `; durable-function charges not included (${usd(durableTotalUsd(d))} on the Lambda scenarios): ${why}`;
}

/** The breakdown keys of the durable charges (DurableCost.lines). */
export const DURABLE_LINES = [
  'durableOperationsUsd',
  'durableWrittenUsd',
  'durableRetentionUsd',
] as const;

/** durableUsdOf: a scenario's durable charges (0 for a scenario without them). */
export function durableUsdOf(s: CostScenario): number {
  return DURABLE_LINES.reduce((n, key) => n + (s.breakdown[key] ?? 0), 0);
}

/**
 * durableFooting: the durable charges when some scenarios carry them and others do not (the
 * Lambda scenarios price them; LMI and fleets leave them out), so totals do not compare; null when
 * every scenario carries them or none does. `usd` is the largest durable charge of a scenario.
 */
export function durableFooting(scenarios: CostScenario[]): { usd: number } | null {
  const charges = scenarios.map(durableUsdOf);
  const carried = charges.filter((c) => c > 0);
  if (carried.length === 0 || carried.length === charges.length) return null;
  return { usd: Math.max(...carried) };
}

function retentionDays(record: RunRecord, fn: string | undefined): number {
  const entry = fn === undefined ? undefined : record.platform.model?.[`durable.${fn}`];
  const value = (entry as { value?: { retentionDays?: unknown } } | undefined)?.value;
  return typeof value?.retentionDays === 'number' ? value.retentionDays : DEFAULT_RETENTION_DAYS;
}
