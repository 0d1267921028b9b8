/**
 * CapturePool: per-worker pools of captured values (e.g. note ids from `capture: { noteId: "$.id" }`),
 * bounded so a long run cannot grow memory without limit. Not thread-safe: one pool a worker.
 */
import type { SeededRandom } from '../schedule/seeded-random.js';

/** Most values kept per variable; past it, the oldest are overwritten (a ring). */
export const CAPTURE_POOL_LIMIT = 10_000;

export class CapturePool {
  private readonly pools = new Map<string, string[]>();
  private readonly cursors = new Map<string, number>();

  constructor(private readonly random: SeededRandom) {}

  /** add puts a captured value into the pool of `name`. */
  add(name: string, value: string): void {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = [];
      this.pools.set(name, pool);
    }
    if (pool.length < CAPTURE_POOL_LIMIT) {
      pool.push(value);
      return;
    }
    const at = this.cursors.get(name) ?? 0;
    pool[at] = value;
    this.cursors.set(name, (at + 1) % CAPTURE_POOL_LIMIT);
  }

  /** has tells whether every one of `names` has at least one value. */
  has(names: readonly string[]): boolean {
    for (const n of names) if (!this.pools.get(n)?.length) return false;
    return true;
  }

  /** pick returns a uniformly chosen value of `name` (undefined when empty). */
  pick(name: string): string | undefined {
    const pool = this.pools.get(name);
    if (!pool?.length) return undefined;
    return pool[Math.floor(this.random.next() * pool.length)];
  }

  /**
   * take removes and returns a value of `name`: a DELETE consumes the id it deletes, so later
   * requests do not pick an id that is already gone.
   */
  take(name: string): string | undefined {
    const pool = this.pools.get(name);
    if (!pool?.length) return undefined;
    const i = Math.floor(this.random.next() * pool.length);
    const value = pool[i];
    pool[i] = pool[pool.length - 1];
    pool.pop();
    this.cursors.set(name, 0);
    return value;
  }
}

/**
 * extractJsonPath reads a `$.a.b` (or `$.items[0].id`) path from a parsed JSON value; returns the
 * value as a string, or undefined when absent or not a scalar.
 */
export function extractJsonPath(root: unknown, path: string): string | undefined {
  if (!path.startsWith('$')) return undefined;
  let value: unknown = root;
  const steps = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    value = (value as Record<string | number, unknown>)[key];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
