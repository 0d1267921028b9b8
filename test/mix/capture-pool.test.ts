/** CapturePool and extractJsonPath: bounded pools, DELETE consuming ids, JSON paths. */
import { describe, expect, it } from 'vitest';
import { CAPTURE_POOL_LIMIT, CapturePool } from '../../src/mix/capture-pool.js';
import { extractJsonPath } from '../../src/mix/json-path.js';
import { createRandom } from '../../src/random/seeded-random.js';

describe('CapturePool', () => {
  it('keeps the newest values when full, never more than the limit', () => {
    const pool = new CapturePool(createRandom(1));
    for (let i = 0; i < CAPTURE_POOL_LIMIT + 10; i++) pool.add('id', `n${i}`);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(pool.pick('id')!);
    expect(seen.has('n0')).toBe(false); // the oldest were replaced
    expect(seen.has(`n${CAPTURE_POOL_LIMIT + 9}`)).toBe(true);
    expect(seen.size).toBeLessThanOrEqual(CAPTURE_POOL_LIMIT);
  });

  it('take removes the value it returns', () => {
    const pool = new CapturePool(createRandom(2));
    for (const v of ['a', 'b', 'c']) pool.add('id', v);
    const taken = [pool.take('id'), pool.take('id'), pool.take('id')];
    expect(taken.sort()).toEqual(['a', 'b', 'c']);
    expect(pool.has(['id'])).toBe(false);
    expect(pool.take('id')).toBeUndefined();
  });
});

describe('extractJsonPath', () => {
  const doc = {
    id: 'x1',
    n: 3,
    ok: true,
    nested: { items: [{ id: 'i0' }, { id: 'i1' }] },
    obj: {},
  };
  const cases: Array<[string, string | undefined]> = [
    ['$.id', 'x1'], // a string field
    ['$.n', '3'], // numbers become strings
    ['$.ok', 'true'], // booleans too
    ['$.nested.items[1].id', 'i1'], // nested with an index
    ['$.missing', undefined], // absent
    ['$.obj', undefined], // not a scalar
    ['id', undefined], // not a $ path
  ];
  it.each(cases)('%s', (path, expected) => expect(extractJsonPath(doc, path)).toBe(expected));
});
