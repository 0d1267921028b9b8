/**
 * refreshPrices: `flashcrowd prices refresh`. Fetches a region's prices from the AWS Price List API
 * and writes them to the cache, reporting where it wrote and how old the table it replaced was.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { PricingClient } from '@aws-sdk/client-pricing';
import { UsageError } from '../errors.js';
import { builtinPrices } from './builtin-prices.js';
import { fetchPriceTable } from './fetch-price-table.js';
import { readPriceFile } from './load-prices.js';
import { priceCachePath } from './price-cache.js';
import type { PriceTable } from './price-table.js';

/** The shape of a region code: us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1. */
const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface RefreshPricesOptions {
  client: PricingClient;
  region: string;
  cacheDir: string;
  /** Today, injected so tests can pin it. */
  now: Date;
  /** Instance types to price; default: those of the table being replaced. */
  instanceTypes?: string[];
}

export interface RefreshPricesResult {
  /** The cache file written. */
  path: string;
  table: PriceTable;
  /** The table that was in use before (cache or built-in), and its age in days at `now`. */
  previous: { date: string; source: string; ageDays: number };
  /** Instance types (and `lambda`) the API had no price for; kept from the previous table. */
  missing: string[];
}

/**
 * refreshPrices writes `<cacheDir>/prices-<region>.json`; throws what the SDK throws, and a
 * UsageError (nothing written) for a name that is no region code or a region the API has no
 * price for at all: a table of the old values dated today would pass for a refreshed one.
 */
export async function refreshPrices(options: RefreshPricesOptions): Promise<RefreshPricesResult> {
  if (!REGION_CODE.test(options.region))
    throw new UsageError(
      `--region ${options.region} is not an AWS region code (such as us-east-1 or eu-west-1)`,
    );
  const path = priceCachePath(options.cacheDir, options.region);
  const previous = existsSync(path)
    ? readPriceFile(path)
    : (builtinPrices[options.region] ?? { ...builtinPrices['us-east-1'], region: options.region });
  const instanceTypes = options.instanceTypes ?? Object.keys(previous.ec2);
  const { table, missing } = await fetchPriceTable({
    client: options.client,
    region: options.region,
    instanceTypes,
    fallback: previous,
    now: options.now,
  });
  if (missing.length === instanceTypes.length + 1)
    throw new UsageError(
      `the AWS Price List API returned no price in ${options.region} for Lambda or any of ` +
        `${instanceTypes.length} instance types: check the region code; nothing was written`,
    );
  mkdirSync(options.cacheDir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
  const ageDays = Math.floor((options.now.getTime() - Date.parse(previous.date)) / 86_400_000);
  return {
    path,
    table,
    previous: { date: previous.date, source: previous.source, ageDays },
    missing,
  };
}
