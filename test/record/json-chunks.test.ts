import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/record/json-chunks.js';

describe('jsonChunks', () => {
  it('pieces add up to JSON.stringify(value, null, 2), whatever the chunk size', () => {
    const values: unknown[] = [
      null,
      7,
      'text "quoted"\n',
      [],
      {},
      [undefined, () => 1, 1, null, { a: undefined }, [], {}],
      { a: 1, b: undefined, c: () => 2, d: [1, [2, [3, [4, { e: 'x\ny' }]]]], 2: 'int key', 1: [] },
      { when: new Date(0), nested: { deep: { deeper: { deepest: [1, { x: 2 }] } } } },
      Object.assign(Object.create(null) as object, { z: 1, y: [1, 2] }),
      { toJSON: () => ({ replaced: true }) },
      {
        platform: {
          series: Array.from({ length: 20 }, (_, i) => ({
            name: `s${i}`,
            points: Array.from({ length: 50 }, (_, j) => [1_700_000_000_000 + j * 1000, j / 7]),
          })),
        },
        timeline: Array.from({ length: 30 }, (_, i) => ({ second: i, byStatus: { 200: i } })),
      },
      // Point pairs (written directly) with every kind of number, and near-pairs (written by
      // JSON.stringify): a hole, three items, a string, an array with toJSON.
      {
        a: {
          b: {
            pairs: [
              [0, -0],
              [NaN, Infinity],
              [-Infinity, 1e21],
              [1e-7, -123.456],
              [Number.MAX_VALUE, Number.MIN_VALUE],
              // Whole numbers from 2^31 to 1e15 (epoch-ms times) have their own writer.
              [2 ** 31, 2 ** 31 - 1],
              [1e15 - 1, 1e15],
              [1_000_000_000_000, 1_000_000_000_001],
              [1_796_165_000_007, 2 ** 31 + 0.5],
              [1_796_165_012_345, -(2 ** 31)],
            ],
            one: [[1, 2]],
            empty: [],
            holed: [[1, 2], [3]],
            three: [[1, 2, 3]],
            text: [[1, '2']],
            inner: { pairs: [[5, 6]] },
            custom: Object.assign([[1, 2]], { toJSON: () => 'custom' }),
          },
        },
      },
    ];
    for (const value of values)
      for (const size of [1, 7, 1 << 20]) {
        const chunks: string[] = [];
        jsonChunks(value, (t) => chunks.push(t), size);
        expect(chunks.join(''), JSON.stringify(value)).toBe(JSON.stringify(value, null, 2));
        if (size === 1 << 20) expect(chunks.length).toBeLessThanOrEqual(1);
      }
  });
});
