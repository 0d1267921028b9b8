/**
 * loadPrices: picks the price table a cost analysis uses, in this order: the `--prices` file, the
 * refreshed cache of the region, the built-in table of the region. Synchronous file reads only.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ProfileError, UsageError, type Issue } from '../errors.js';
import { builtinPrices } from './builtin-prices.js';
import { priceCachePath } from './price-cache.js';
import { priceTableSchema, type PriceTable } from './price-table.js';

/** The region used when none is given (the profile's `aws.region` or `--region` win). */
export const DEFAULT_PRICE_REGION = 'us-east-1';

export interface LoadPricesOptions {
  /** A JSON price table (`--prices FILE`); overrides everything else. */
  file?: string;
  region?: string;
  /** Folder of tables written by `prices refresh`; skipped when absent. */
  cacheDir?: string;
}

/**
 * loadPrices returns a validated price table. Throws ProfileError (exit 2) for an unreadable or
 * invalid file, UsageError for a region with neither a cached nor a built-in table.
 */
export function loadPrices(options: LoadPricesOptions = {}): PriceTable {
  if (options.file) return readPriceFile(options.file);
  const region = options.region ?? DEFAULT_PRICE_REGION;
  if (options.cacheDir) {
    const cached = priceCachePath(options.cacheDir, region);
    if (existsSync(cached)) return readPriceFile(cached);
  }
  const builtin = builtinPrices[region];
  if (builtin) return structuredClone(builtin);
  throw new UsageError(
    `no price table for region ${region} (built in: ${Object.keys(builtinPrices).join(', ')}); ` +
      `run \`flashcrowd prices refresh --region ${region}\` or pass --prices FILE`,
  );
}

/** readPriceFile reads and validates one JSON price table; every problem is reported at once. */
export function readPriceFile(file: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ProfileError(file, [
      { path: '', message: `cannot read price table: ${(error as Error).message}` },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(file, [
      { path: '', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const parsed = priceTableSchema.safeParse(data);
  if (!parsed.success) throw new ProfileError(file, zodIssues(parsed.error));
  return parsed.data;
}

function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
      .join('.')
      .replace(/\.\[/g, '['),
    message: issue.message,
  }));
}
