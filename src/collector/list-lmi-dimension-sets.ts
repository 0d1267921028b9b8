/**
 * listLmiDimensionSets: asks CloudWatch (ListMetrics) which dimension sets exist for a capacity
 * provider's metrics, because AWS does not document whether a `CapacityProviderName`-only
 * aggregate exists beside `CapacityProviderName + InstanceType` (reference/aws-facts.md §1.7).
 */
import { ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ApiPacer } from './api-pacer.js';
import { describeAwsError, type AwsFailure } from './aws-error.js';
import type { LmiDimensionSets } from './build-metric-requests.js';
import type { Dimension } from './metric-request.js';

const MAX_PAGES = 20;

/** Metric name → dimension sets; empty on failure (after one warning). Never throws. */
export async function listLmiDimensionSets(
  provider: string,
  deps: { cloudwatch: CloudWatchClient; pacer: ApiPacer; warn(failure: AwsFailure): void },
): Promise<LmiDimensionSets> {
  const sets: LmiDimensionSets = {};
  const seen = new Set<string>();
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await deps.pacer.run(() =>
        deps.cloudwatch.send(
          new ListMetricsCommand({
            Namespace: 'AWS/Lambda',
            Dimensions: [{ Name: 'CapacityProviderName', Value: provider }],
            NextToken: nextToken,
          }),
        ),
      );
      for (const m of out.Metrics ?? []) {
        if (!m.MetricName) continue;
        const dims: Dimension[] = (m.Dimensions ?? []).map((d) => ({
          Name: d.Name ?? '',
          Value: d.Value ?? '',
        }));
        dims.sort((a, b) => a.Name.localeCompare(b.Name));
        const key = `${m.MetricName}|${JSON.stringify(dims)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        (sets[m.MetricName] ??= []).push(dims);
      }
      nextToken = out.NextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    deps.warn(describeAwsError(error, 'cloudwatch:ListMetrics'));
  }
  return sets;
}
