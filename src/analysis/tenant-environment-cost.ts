/**
 * tenantEnvironmentCost: the charge for tenant-isolated execution environments created in a run,
 * an additional line of the on-demand Lambda scenario. Lambda charges per environment created
 * for a function in tenant isolation mode, about $0.000167 at 1,024 MB on x86_64, scaled by the
 * function's memory and architecture (https://aws.amazon.com/lambda/pricing/;
 * https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html#tenant-isolation-pricing).
 * Memory scales it linearly; arm64 by the arm64/x86_64 ratio of the GB-second price.
 * Pure; reads only the record's `lambda.tenant_environments_created` series (model or collector).
 */
import type { PriceTable } from '../pricing/price-table.js';
import type { RunRecord } from '../record/run-record.js';

/** USD per tenant-isolated environment created, 1 GiB (1,024 MB) on x86_64 (see header). */
export const TENANT_ENVIRONMENT_USD_PER_GIB_X86 = 0.000167;

/** Environments created, summed over functions and seconds; 0 when the record has none. */
export function tenantEnvironmentsCreated(record: RunRecord): number {
  let n = 0;
  for (const s of record.platform.series)
    if (s.name === 'lambda.tenant_environments_created') for (const [, v] of s.points) n += v;
  return n;
}

/** tenantEnvironmentCost: USD for `created` environments of `memoryGiB` on `architecture`. */
export function tenantEnvironmentCost(
  created: number,
  memoryGiB: number,
  architecture: 'x86_64' | 'arm64',
  prices: PriceTable,
): number {
  const gbs = prices.lambda.gbSecondUsd;
  const archRatio = gbs[architecture] / gbs.x86_64;
  return created * TENANT_ENVIRONMENT_USD_PER_GIB_X86 * memoryGiB * archRatio;
}
