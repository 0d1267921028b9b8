import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/model/min-heap.js';
import { createRandom } from '../../src/random/seeded-random.js';

describe('MinHeap', () => {
  it('pops items in key order, interleaved with pushes, with many ties', () => {
    const random = createRandom(3);
    const heap = new MinHeap<{ key: number; id: number }>((x) => x.key);
    const reference: Array<{ key: number; id: number }> = [];
    let id = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let round = 0; round < 2000; round++) {
      const pushes = random.int(0, 3);
      for (let i = 0; i < pushes; i++) {
        // Few distinct keys, so ties are common; fractional keys as in the model.
        const item = { key: random.int(0, 40) / 4, id: id++ };
        heap.push(item);
        reference.push(item);
      }
      if (random.next() < 0.5 && reference.length > 0) {
        reference.sort((a, b) => a.key - b.key);
        expect(heap.peekKey()).toBe(reference[0].key);
        const item = heap.pop();
        expected.push(reference[0].key);
        popped.push(item?.key ?? Number.NaN);
        reference.splice(reference.indexOf(item as { key: number; id: number }), 1);
      }
      expect(heap.size).toBe(reference.length);
    }
    expect(popped).toEqual(expected);
    expect(popped.length).toBeGreaterThan(500);
  });

  it('reports +Infinity and undefined when empty', () => {
    const heap = new MinHeap<number>((x) => x);
    expect(heap.peekKey()).toBe(Number.POSITIVE_INFINITY);
    expect(heap.pop()).toBeUndefined();
    heap.push(2);
    heap.push(1);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([1, 2, undefined]);
  });
});
