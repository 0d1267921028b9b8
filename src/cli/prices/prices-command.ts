/** The bodies of `flashcrowd prices refresh` and `prices show` (declared in define-prices.ts). */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { DEFAULT_PRICE_REGION } from '../../pricing/load-prices.js';
import type { PricesOptions } from './define-prices.js';

/** The Price List API answers in us-east-1, eu-central-1 and ap-south-1 only. */
function pricingEndpointRegion(region: string): string {
  if (region.startsWith('eu-')) return 'eu-central-1';
  if (region.startsWith('ap-')) return 'ap-south-1';
  return 'us-east-1';
}

async function cacheDirOf(options: PricesOptions, ctx: CliContext): Promise<string> {
  const { defaultPriceCacheDir } = await import('../../pricing/price-cache.js');
  return options.cacheDir
    ? resolve(ctx.cwd, options.cacheDir)
    : defaultPriceCacheDir(ctx.env, homedir());
}

/**
 * The region to price: --region, else the one run, simulate and plan price when a profile names
 * no aws.region (not AWS_REGION: the table shown must be the table used).
 */
function regionOf(options: PricesOptions): string {
  return options.region ?? DEFAULT_PRICE_REGION;
}

/** `prices refresh`: fetches the table into the cache and says what it replaced. */
export async function pricesRefreshCommand(
  options: PricesOptions,
  ctx: CliContext,
): Promise<number> {
  const { PricingClient } = await import('@aws-sdk/client-pricing');
  const { refreshPrices } = await import('../../pricing/refresh-prices.js');
  const region = regionOf(options);
  const client = new PricingClient({ region: pricingEndpointRegion(region) });
  const result = await refreshPrices({
    client,
    region,
    cacheDir: await cacheDirOf(options, ctx),
    now: new Date(),
  });
  if (options.json) ctx.stdout.write(`${JSON.stringify(result.table, null, 2)}\n`);
  else if (!options.quiet) {
    ctx.stdout.write(
      `wrote ${result.path}: ${Object.keys(result.table.ec2).length} instance types and Lambda prices for ${region}, dated ${result.table.date}\n` +
        `replaced the table of ${result.previous.date} (${result.previous.ageDays} days old; ${result.previous.source})\n`,
    );
    if (result.missing.length > 0)
      ctx.stderr.write(
        `warning: no price returned for ${result.missing.join(', ')}; kept the old values\n`,
      );
  }
  return exitCodes.ok;
}

/** `prices show`: prints the table a cost analysis would use. */
export async function pricesShowCommand(options: PricesOptions, ctx: CliContext): Promise<number> {
  const beside = [options.region ? '--region' : '', options.cacheDir ? '--cache-dir' : ''].filter(
    Boolean,
  );
  if (options.prices && beside.length > 0) {
    const { UsageError } = await import('../../errors.js');
    throw new UsageError(
      `--prices ${options.prices} is one table and wins over ${beside.join(' and ')}: drop one or the other`,
    );
  }
  const { loadPrices } = await import('../../pricing/load-prices.js');
  const table = loadPrices({
    file: options.prices,
    region: regionOf(options),
    cacheDir: await cacheDirOf(options, ctx),
  });
  ctx.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
  return exitCodes.ok;
}
