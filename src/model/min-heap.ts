/**
 * MinHeap: a binary heap of items ordered by a numeric key (the model's pending completions by
 * end time). Not thread-safe; O(log n) push and pop.
 *
 * Each item's key is read once, at push, and kept in a parallel array of doubles: sifting then
 * compares plain numbers (no key calls, no boxed numbers: this heap is on simulate's hot path).
 */

/** A min-heap keyed by `key(item)`, which must not change while the item is in the heap; ties pop in no particular order. */
export class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly keys: number[] = [];

  constructor(private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** peekKey returns the smallest key, or +Infinity when empty. */
  peekKey(): number {
    return this.keys.length > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }

  push(item: T): void {
    const a = this.items;
    const keys = this.keys;
    const k = this.key(item);
    a.push(item);
    keys.push(k);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= k) break;
      a[i] = a[parent];
      keys[i] = keys[parent];
      i = parent;
    }
    a[i] = item;
    keys[i] = k;
  }

  /** pop removes and returns the item with the smallest key; undefined when empty. */
  pop(): T | undefined {
    const a = this.items;
    const keys = this.keys;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as T;
    const k = keys.pop() as number;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r] < keys[l] ? r : l;
        if (keys[c] >= k) break;
        a[i] = a[c];
        keys[i] = keys[c];
        i = c;
      }
      a[i] = last;
      keys[i] = k;
    }
    return top;
  }
}
