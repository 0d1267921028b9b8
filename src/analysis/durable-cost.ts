/**
 * durableCostUsd: the durable-functions charges of a run, lines of the Lambda scenarios beside
 * requests and duration (replays are already in those, as invocations): durable operations at
 * $8.00 per million, data written at $0.25 per GB, and data retained at $0.15 per GB-month for
 * the retention period (DurableConfig.RetentionPeriodInDays, default 14 days; a month = 30 days).
 * Prices: https://aws.amazon.com/lambda/pricing/ (us-east-1). Reads the record's
 * `lambda.durable_operations` and `lambda.durable_storage_written_bytes` series (model, or the
 * collector's DurableExecutionOperations / DurableExecutionStorageWrittenBytes) and the
 * retention of each function from `platform.model` (`durable.<fn>`), else the default. GB = 2^30
 * bytes (assumed: the pricing page does not say). Pure.
 */
import type { RunRecord } from '../record/run-record.js';

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

function retentionDays(record: RunRecord, fn: string | undefined): number {
  const entry = fn === undefined ? undefined : record.platform.model?.[`durable.${fn}`];
  const value = (entry as { value?: { retentionDays?: unknown } } | undefined)?.value;
  return typeof value?.retentionDays === 'number' ? value.retentionDays : DEFAULT_RETENTION_DAYS;
}
