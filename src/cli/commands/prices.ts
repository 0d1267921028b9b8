/**
 * definePrices: `flashcrowd prices refresh [--region R]` fetches list prices from the AWS Price
 * List API into the local cache, saying where it wrote and how old the replaced table was;
 * `flashcrowd prices show [--region R]` prints the table a cost analysis would use.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { CommandDefinition } from './index.js';
import { exitCodes } from '../exit-codes.js';

interface PricesOptions {
  region?: string;
  cacheDir?: string;
  prices?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The Price List API answers in us-east-1, eu-central-1 and ap-south-1 only. */
function pricingEndpointRegion(region: string): string {
  if (region.startsWith('eu-')) return 'eu-central-1';
  if (region.startsWith('ap-')) return 'ap-south-1';
  return 'us-east-1';
}

export const definePrices: CommandDefinition = (program, ctx, setExitCode) => {
  const prices = program
    .command('prices')
    .description('show or refresh the price tables used for cost analysis');
  const cacheDirOf = async (options: PricesOptions) => {
    const { defaultPriceCacheDir } = await import('../../pricing/price-cache.js');
    return options.cacheDir
      ? resolve(ctx.cwd, options.cacheDir)
      : defaultPriceCacheDir(ctx.env, homedir());
  };
  const regionOf = (options: PricesOptions) =>
    options.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? 'us-east-1';

  prices
    .command('refresh')
    .description('fetch current prices from the AWS Price List API (needs pricing:GetProducts)')
    .option('--region <region>', 'the region to price (default: AWS_REGION or us-east-1)')
    .option('--cache-dir <dir>', 'where to write the table (default: ~/.cache/flashcrowd/prices)')
    .option('--json', 'print the new table as JSON')
    .option('--quiet', 'print nothing but errors')
    .action(async (options: PricesOptions) => {
      const { PricingClient } = await import('@aws-sdk/client-pricing');
      const { refreshPrices } = await import('../../pricing/refresh-prices.js');
      const region = regionOf(options);
      const client = new PricingClient({ region: pricingEndpointRegion(region) });
      const result = await refreshPrices({
        client,
        region,
        cacheDir: await cacheDirOf(options),
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
      setExitCode(exitCodes.ok);
    });

  prices
    .command('show')
    .description('print the price table a cost analysis would use')
    .option('--region <region>', 'the region (default: AWS_REGION or us-east-1)')
    .option('--cache-dir <dir>', 'the cache folder of refreshed tables')
    .option('--prices <file>', 'a price table file instead')
    .action(async (options: PricesOptions) => {
      const { loadPrices } = await import('../../pricing/load-prices.js');
      const table = loadPrices({
        file: options.prices,
        region: regionOf(options),
        cacheDir: await cacheDirOf(options),
      });
      ctx.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
      setExitCode(exitCodes.ok);
    });
};
