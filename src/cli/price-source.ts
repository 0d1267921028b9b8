/**
 * Where `run`, `simulate` and `collect` get their prices, in the order `prices show` prints them:
 * `--prices FILE`, else the region's table written by `prices refresh` (the default cache
 * folder), else the built-in table. check-prices-before-traffic.ts loads it before any traffic when cost was
 * asked for.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { defaultPriceCacheDir } from '../pricing/price-cache.js';
import type { LoadPricesOptions } from '../pricing/load-prices.js';
import type { CliContext } from './cli-context.js';

/** The LoadPricesOptions of a command line: the file resolved against the working folder. */
export function priceSource(
  pricesFile: string | undefined,
  region: string | undefined,
  ctx: Pick<CliContext, 'cwd' | 'env'>,
): LoadPricesOptions {
  return {
    ...(pricesFile ? { file: resolve(ctx.cwd, pricesFile) } : {}),
    ...(region ? { region } : {}),
    cacheDir: defaultPriceCacheDir(ctx.env, homedir()),
  };
}
