/**
 * tenantEnvironmentCost: the charge for tenant-isolated execution environments created in a run,
 * an additional line of the on-demand Lambda scenario. Lambda charges per environment created
 * for a function in tenant isolation mode, about $0.000167 at 1,024 MB on x86_64, scaled by the
 * function's memory and architecture (https://aws.amazon.com/lambda/pricing/;
 * https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html#tenant-isolation-pricing).
 * Memory scales it linearly; arm64 by the arm64/x86_64 ratio of the GB-second price.
 * Pure; tenantEnvironmentsUsd reads only the record's `lambda.tenant_environments_created` series
 * (model or collector).
 */
import type { PriceTable } from '../pricing/price-table.js';
import type { RunRecord } from '../record/run-record.js';

/** USD per tenant-isolated environment created, 1 GiB (1,024 MB) on x86_64 (see header). */
export const TENANT_ENVIRONMENT_USD_PER_GIB_X86 = 0.000167;

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

/**
 * tenantEnvironmentsUsd: the charge for every environment created, each function's at its own
 * memory and architecture (the series' `function` label); a function the work does not list is
 * priced as the first one listed (1,024 MB x86_64 when none is).
 */
export function tenantEnvironmentsUsd(
  record: RunRecord,
  functions: readonly { name: string; memoryMb: number; architecture: 'x86_64' | 'arm64' }[],
  prices: PriceTable,
): { created: number; usd: number } {
  let created = 0;
  let usd = 0;
  for (const s of record.platform.series) {
    if (s.name !== 'lambda.tenant_environments_created') continue;
    const n = s.points.reduce((a, [, v]) => a + v, 0);
    const f = functions.find((w) => w.name === s.labels.function) ?? functions[0];
    created += n;
    usd += tenantEnvironmentCost(
      n,
      (f?.memoryMb ?? 1024) / 1024,
      f?.architecture ?? 'x86_64',
      prices,
    );
  }
  return { created, usd };
}

/** Where AWS says tenant isolation does not work with provisioned concurrency. */
export const TENANT_ISOLATION_SOURCE =
  'https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html';

/**
 * tenantIsolatedFunctions: the functions the record shows in tenant isolation mode (they have a
 * `lambda.tenant_environments_created` series), sorted. Such functions cannot use provisioned
 * concurrency (TENANT_ISOLATION_SOURCE), so no provisioned scenario is priced for them.
 */
export function tenantIsolatedFunctions(record: RunRecord): string[] {
  const names = record.platform.series
    .filter((s) => s.name === 'lambda.tenant_environments_created')
    .map((s) => s.labels.function ?? '?');
  return [...new Set(names)].sort();
}
