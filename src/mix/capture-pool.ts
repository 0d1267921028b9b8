/**
 * CapturePool: per-worker pools of captured values (e.g. note ids from `capture: { noteId: "$.id" }`
 * on a request of `requests:`), bounded so a long run cannot grow memory without limit. Shared by
 * every request the worker sends: a later request picks any value captured so far on this worker,
 * by any earlier reply (flows have per-instance variables instead: see flow-variables.ts).
 * Not thread-safe: one pool a worker.
 */
import type { SeededRandom } from '../random/seeded-random.js';
import type { CaptureSource } from './capture-source.js';

/** Most values kept per variable; past it, the oldest are overwritten (a ring). */
export const CAPTURE_POOL_LIMIT = 10_000;

export class CapturePool implements CaptureSource {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly random: SeededRandom) {}

  /** add puts a captured value into the pool of `name`, replacing the oldest when full. */
  add(name: string, value: string): void {
    let ring = this.rings.get(name);
    if (!ring) {
      ring = new Ring();
      this.rings.set(name, ring);
    }
    ring.push(value);
  }

  /** has tells whether every one of `names` has at least one value. */
  has(names: readonly string[]): boolean {
    for (const n of names) if (!this.rings.get(n)?.length) return false;
    return true;
  }

  /** pick returns a uniformly chosen value of `name` (undefined when empty). */
  pick(name: string): string | undefined {
    const ring = this.rings.get(name);
    if (!ring?.length) return undefined;
    return ring.at(Math.floor(this.random.next() * ring.length));
  }

  /**
   * take removes and returns a value of `name`: a DELETE consumes the id it deletes, so later
   * requests do not pick an id that is already gone.
   */
  take(name: string): string | undefined {
    const ring = this.rings.get(name);
    if (!ring?.length) return undefined;
    return ring.removeAt(Math.floor(this.random.next() * ring.length));
  }
}

/** A bounded ring of values, oldest first; full -> the oldest is replaced. */
class Ring {
  private readonly values: string[] = [];
  private head = 0;
  length = 0;

  push(value: string): void {
    if (this.length < CAPTURE_POOL_LIMIT) {
      this.values[(this.head + this.length) % CAPTURE_POOL_LIMIT] = value;
      this.length++;
      return;
    }
    this.values[this.head] = value;
    this.head = (this.head + 1) % CAPTURE_POOL_LIMIT;
  }

  /** at returns the i-th value from the oldest (0 <= i < length). */
  at(i: number): string {
    return this.values[(this.head + i) % CAPTURE_POOL_LIMIT];
  }

  /** removeAt removes the i-th value; the newest takes its place (order is kept loosely). */
  removeAt(i: number): string {
    const at = (this.head + i) % CAPTURE_POOL_LIMIT;
    const newest = (this.head + this.length - 1) % CAPTURE_POOL_LIMIT;
    const value = this.values[at];
    this.values[at] = this.values[newest];
    this.length--;
    return value;
  }
}
