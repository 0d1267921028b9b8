/**
 * selectCollector: turns `--collect none|model|aws|auto` into a Collector. `auto` picks the model
 * for the embedded target, and aws when the profile or flags name AWS resources and a region and
 * credentials resolve; otherwise nothing. `aws` demanded but unavailable throws CollectorError
 * (exit 3): missing credentials or region, an endpoint that does not answer or a named function
 * that does not exist (probed before the run sends anything); in `auto` a missing region or
 * credentials is one warning and collection is skipped.
 */
import { CollectorError } from '../errors.js';
import type { AwsSpec } from '../profile/types.js';
import type { PlatformSeries } from '../record/run-record.js';
import type { AwsClientConfig } from './aws-clients.js';
import type { AwsCollectorOptions } from './aws-collector.js';
import {
  createNoneCollector,
  type CollectMode,
  type Collector,
  type CollectorResult,
} from './collector.js';
import { createModelCollector } from './model-collector.js';

export interface SelectCollectorOptions {
  mode: CollectMode;
  /** The embedded target, when the run uses it. */
  embedded?: { platformSeries(): Promise<PlatformSeries[]> };
  /** The profile's `aws` block merged with `--function` flags. */
  aws?: AwsSpec;
  /** The process environment (handed in by src/cli): AWS_REGION, AWS_ENDPOINT_URL, keys. */
  env: Record<string, string | undefined>;
  /** Explicit client settings; win over env and the profile. */
  clientConfig?: AwsClientConfig;
  /**
   * `run` before its first request: with mode `aws`, probe the endpoint and every named function
   * (probe-aws-resources.ts) and throw CollectorError when one is missing. `collect` leaves it
   * off: a function deleted since the run still has its CloudWatch history.
   */
  probeResources?: boolean;
  /** Passed through to createAwsCollector (intervals, pacing). */
  awsOptions?: Partial<Omit<AwsCollectorOptions, 'spec' | 'clients'>>;
}

/** True when the spec names something the aws source can measure. Pure. */
export function namesAwsResources(aws: AwsSpec | undefined): aws is AwsSpec {
  if (!aws) return false;
  return (
    Object.keys(aws.functions).length > 0 ||
    Boolean(aws.capacityProvider) ||
    Boolean(aws.apiGateway?.restApiName ?? aws.apiGateway?.httpApiId)
  );
}

/**
 * collectSource: what `mode` reads: `model` for model, and for auto with the embedded target;
 * otherwise `aws` when the spec names AWS resources, else `none`. Pure. Whether the source can be
 * served (model needs the embedded target, aws named resources) is checked by the callers:
 * `run` before anything is sent (check-collect-mode.ts), selectCollector below.
 */
export function collectSource(
  mode: CollectMode,
  embedded: boolean,
  aws: AwsSpec | undefined,
): 'none' | 'model' | 'aws' {
  if (mode === 'none') return 'none';
  if (mode === 'model' || (mode === 'auto' && embedded)) return 'model';
  return namesAwsResources(aws) ? 'aws' : 'none';
}

/** See the file comment. Never prints; the warnings of a skipped aws source surface at stop(). */
export async function selectCollector(options: SelectCollectorOptions): Promise<Collector> {
  const { mode, embedded, aws } = options;
  const source = collectSource(mode, embedded !== undefined, aws);
  if (source === 'model') {
    if (!embedded)
      throw new CollectorError('--collect model needs the embedded target (run without --target)');
    return createModelCollector(async () => ({ series: await embedded.platformSeries() }));
  }
  if (source === 'none' || !namesAwsResources(aws)) {
    if (mode === 'aws')
      throw new CollectorError(
        '--collect aws: the profile names no AWS resources (aws.functions, aws.capacityProvider or --function)',
      );
    return createNoneCollector();
  }
  // The AWS SDK costs about half a CPU-second to load: only when AWS resources are named.
  const [
    { createAwsClients, probeAwsClients, resolveAwsClientConfig },
    { createAwsCollector },
    { describeAwsError },
  ] = await Promise.all([
    import('./aws-clients.js'),
    import('./aws-collector.js'),
    import('./aws-error.js'),
  ]);
  const config = resolveAwsClientConfig(options.env, options.clientConfig, aws.region);
  const clients = createAwsClients(config);
  const problem = await probeAwsClients(clients);
  if (problem) {
    clients.destroy();
    const failure = describeAwsError(problem, 'the aws collector');
    if (mode === 'aws') throw new CollectorError(`--collect aws: ${failure.message}`);
    return createNoneCollector([`aws: ${failure.message}; platform metrics skipped`]);
  }
  if (mode === 'aws' && options.probeResources) {
    // Demanded: find a down endpoint or a missing function now, before any request is sent.
    const { probeAwsResources } = await import('./probe-aws-resources.js');
    const missing = await probeAwsResources(aws, clients);
    if (missing.length > 0) {
      clients.destroy();
      throw new CollectorError(`--collect aws: ${missing.join('; ')}; nothing was sent`);
    }
  }
  return createAwsCollector({ ...options.awsOptions, spec: aws, clients });
}

/** Failure kinds that mean the demanded source could not work at all (for `--collect aws`). */
const HARD_KINDS = new Set(['access-denied', 'no-credentials', 'expired-credentials', 'no-region']);

/**
 * For `--collect aws`: the reason the run must exit 3, or null: nothing was collected, or a
 * permission or credential failure left series missing. Pure.
 */
export function requiredCollectionFailed(result: CollectorResult): string | null {
  const hard = result.failures?.find((f) => HARD_KINDS.has(f.kind));
  if (hard) return hard.message;
  if (result.series.length === 0) return 'no platform series could be collected';
  return null;
}
