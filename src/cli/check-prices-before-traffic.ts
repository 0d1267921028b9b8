/**
 * checkPricesBeforeTraffic: when the user asked for cost (`--prices`, `--fleet`), `run` and
 * `simulate` load the price table before any traffic, so that a missing or invalid file, or a
 * fleet type without a price, exits 2 at once instead of after the whole test. The price code is
 * imported here only, so a run that asks for no cost loads none of it before its first request.
 */
import { UsageError } from '../errors.js';
import { parseFleetSpec } from '../analysis/fleet-spec.js';
import type { CliContext } from './cli-context.js';
import type { CostFlags } from './cost-options.js';

/** Throws ProfileError or UsageError (exit 2) for a table that does not load or an unpriced --fleet. */
export async function checkPricesBeforeTraffic(
  o: CostFlags,
  region: string | undefined,
  ctx: Pick<CliContext, 'cwd' | 'env'>,
): Promise<void> {
  if (!o.prices && o.fleet.length === 0) return;
  const { loadPrices } = await import('../pricing/load-prices.js');
  const { priceSource } = await import('./price-source.js');
  const prices = loadPrices(priceSource(o.prices, region, ctx));
  const { hourly } = await import('../analysis/pricing-context.js');
  for (const flag of o.fleet) {
    try {
      hourly(prices, parseFleetSpec(flag).instanceType);
    } catch (error) {
      throw new UsageError(`--fleet ${flag}: ${(error as Error).message}`);
    }
  }
}
