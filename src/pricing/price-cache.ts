/**
 * Where refreshed price tables live: one JSON file a region in a cache folder. Pure path logic;
 * the CLI passes the environment in.
 */
import { join } from 'node:path';

/**
 * defaultPriceCacheDir: `$XDG_CACHE_HOME/flashcrowd/prices`, else `<home>/.cache/flashcrowd/prices`.
 * `env` and `homeDir` come from the caller (only src/cli reads the process).
 */
export function defaultPriceCacheDir(
  env: Record<string, string | undefined>,
  homeDir: string,
): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homeDir, '.cache');
  return join(base, 'flashcrowd', 'prices');
}

/** priceCachePath: the cache file of one region, e.g. `<dir>/prices-us-east-1.json`. */
export function priceCachePath(cacheDir: string, region: string): string {
  return join(cacheDir, `prices-${region}.json`);
}
