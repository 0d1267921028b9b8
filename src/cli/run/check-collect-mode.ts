import { UsageError } from '../../errors.js';
import { collectSource, namesAwsResources } from '../../collector/select-collector.js';
import type { AwsSpec } from '../../profile/types.js';
import type { RunOptions } from './run-options.js';

/**
 * checkCollectMode: a `--collect` mode the run cannot serve, or a `--settle` wait for CloudWatch
 * data it will not collect, is exit 2 before anything is sent.
 */
export function checkCollectMode(
  o: Pick<RunOptions, 'collect' | 'settle' | 'function'>,
  targetUrl: string | undefined,
  aws: AwsSpec | undefined,
): void {
  const mode = o.collect;
  if (mode === 'aws' && !targetUrl)
    throw new UsageError(
      '--collect aws reads CloudWatch for real functions, but the run uses the embedded target, whose series come from its model (--collect model or auto): drop --collect aws, or give --target',
    );
  if (mode === 'model' && targetUrl)
    throw new UsageError(
      '--collect model reads the embedded target, but the run has a real target: use --collect aws (with aws.functions or --function) or none',
    );
  if (mode === 'aws' && !namesAwsResources(aws))
    throw new UsageError(
      '--collect aws: the profile names no AWS resources to collect for; add aws.functions, aws.capacityProvider or aws.apiGateway to the profile, or --function REQUEST=FUNCTION',
    );
  if (collectSource(mode, targetUrl === undefined, aws) === 'aws') return;
  const why =
    mode === 'none' || mode === 'model'
      ? `--collect ${mode}`
      : targetUrl
        ? 'the profile names no AWS resources'
        : 'the embedded target is read from its model';
  if (o.settle)
    throw new UsageError(
      `--settle waits for late CloudWatch data, but this run collects none (${why}): drop --settle`,
    );
  const mapped = Object.keys(o.function ?? {});
  if (mapped.length > 0)
    throw new UsageError(
      `--function maps requests to Lambda functions for the AWS collector, but this run collects nothing from AWS (${why}): drop --function ${mapped.map((r) => `${r}=${o.function[r]}`).join(' ')}`,
    );
}
