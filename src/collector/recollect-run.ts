/**
 * recollectRun: what `flashcrowd collect <run-dir>` does to a finished run. It re-queries the aws
 * source over the record's [startedAt, endedAt] window for the resources in `record.profile.aws`,
 * merges the fresh CloudWatch series into the old ones (newer values win per timestamp; live EC2
 * instance samples, which cannot be taken again later, are kept) and recomputes the
 * reconciliation. Returns a new record; never mutates its input; never writes files.
 */
import type { AwsSpec } from '../profile/types.js';
import type { RunRecord } from '../record/run-record.js';
import type { AwsClientConfig } from './aws-clients.js';
import type { AwsCollectorOptions } from './aws-collector.js';
import { mergePlatformSeries } from './merge-platform-series.js';
import { reconcile } from './reconcile.js';
import { selectCollector } from './select-collector.js';

export interface RecollectOptions {
  env: Record<string, string | undefined>;
  clientConfig?: AwsClientConfig;
  awsOptions?: Partial<Omit<AwsCollectorOptions, 'spec' | 'clients'>>;
}

export interface RecollectResult {
  record: RunRecord;
  /** How many aws series the sweep returned (0 means `collect` exits 3). */
  seriesCollected: number;
  warnings: string[];
}

/** The `aws` block of a resolved profile stored in run.json, read defensively. Pure. */
export function awsSpecFromRecord(record: RunRecord): AwsSpec | undefined {
  const aws = record.profile.aws as Partial<AwsSpec> | undefined;
  if (!aws || typeof aws !== 'object') return undefined;
  const functions: Record<string, string> = {};
  for (const [k, v] of Object.entries(aws.functions ?? {}))
    if (typeof v === 'string') functions[k] = v;
  return {
    functions,
    region: typeof aws.region === 'string' ? aws.region : undefined,
    capacityProvider: typeof aws.capacityProvider === 'string' ? aws.capacityProvider : undefined,
    apiGateway: aws.apiGateway && typeof aws.apiGateway === 'object' ? aws.apiGateway : undefined,
    ...durableFunctionsOf(record),
  };
}

/** The functions the record's durable requests started (run.json `profile.requests[].durable`). */
function durableFunctionsOf(record: RunRecord): { durableFunctions?: string[] } {
  const requests = (record.profile as { requests?: unknown }).requests;
  if (!Array.isArray(requests)) return {};
  const names = new Set<string>();
  for (const r of requests as Array<{ durable?: { function?: unknown } }>)
    if (typeof r?.durable?.function === 'string') names.add(r.durable.function);
  return names.size > 0 ? { durableFunctions: [...names] } : {};
}

/** The run's end: `endedAt`, else the last timeline second, else the start. Pure. */
export function runEndMs(record: RunRecord): number {
  if (record.endedAt) return Date.parse(record.endedAt);
  const last = record.timeline.at(-1);
  return Date.parse(record.startedAt) + (last ? (last.second + 1) * 1000 : 0);
}

/** See the file comment. Throws CollectorError when no credentials/region or no AWS resources. */
export async function recollectRun(
  record: RunRecord,
  options: RecollectOptions,
): Promise<RecollectResult> {
  const collector = await selectCollector({
    mode: 'aws',
    aws: awsSpecFromRecord(record),
    env: options.env,
    clientConfig: options.clientConfig,
    awsOptions: { ...options.awsOptions, sampleInstances: false },
  });
  await collector.start({ startedAtMs: Date.parse(record.startedAt) });
  const result = await collector.stop({ endedAtMs: runEndMs(record) });
  const series = mergePlatformSeries(record.platform.series, result.series);
  const keptWarnings = (record.platform.warnings ?? []).filter((w) => !w.startsWith('aws:'));
  const platformWarnings = [...keptWarnings, ...result.warnings];
  const next: RunRecord = {
    ...record,
    platform: {
      ...record.platform,
      series,
      ...(platformWarnings.length ? { warnings: platformWarnings } : {}),
      ...(result.functions?.length ? { functions: result.functions } : {}),
    },
  };
  if (!platformWarnings.length) delete next.platform.warnings;
  next.platform.reconciliation = reconcile(next);
  return { record: next, seriesCollected: result.series.length, warnings: result.warnings };
}
