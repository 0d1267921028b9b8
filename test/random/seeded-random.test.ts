import { describe, expect, it } from 'vitest';
import { createRandom, seedToUint32 } from '../../src/random/seeded-random.js';

function draws(seed: number, n: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same stream for the same seed', () => {
    expect(draws(42, 1000)).toEqual(draws(42, 1000));
  });

  it.each([
    // HAPPY PATH: neighbouring seeds give unrelated streams
    [1, 2],
    // seeds that only differ above 2^32 still differ
    [5, 5 + 2 ** 32],
    // the sign of the seed matters
    [7, -7],
  ])('gives different streams for seeds %d and %d', (a, b) => {
    expect(draws(a, 20)).not.toEqual(draws(b, 20));
  });

  it('keeps next() in [0, 1) with a mean near 1/2', () => {
    const values = draws(3, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    // standard error of the mean is 0.29 / sqrt(1e5) ≈ 0.0009; allow 5 of them
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
  });

  it('draws int(min, max) inclusive of both ends and nothing outside', () => {
    const random = createRandom(9);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(random.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws exponentials with mean 1 and normals with the asked mean and sd', () => {
    const random = createRandom(11);
    const n = 100_000;
    const exp = Array.from({ length: n }, () => random.exponential());
    const normal = Array.from({ length: n }, () => random.normal(10, 2));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]) => {
      const m = mean(xs);
      return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    };
    expect(Math.min(...exp)).toBeGreaterThan(0);
    // exponential: sd 1, standard error 0.0032
    expect(Math.abs(mean(exp) - 1)).toBeLessThan(0.016);
    expect(Math.abs(mean(normal) - 10)).toBeLessThan(0.032);
    expect(Math.abs(sd(normal) - 2)).toBeLessThan(0.05);
  });

  it('picks every element of an array and refuses an empty one', () => {
    const random = createRandom(5);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(random.pick(['a', 'b', 'c']));
    expect(seen.size).toBe(3);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('folds any finite seed into 32 bits', () => {
    for (const seed of [0, 1, -1, 0.5, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER, NaN]) {
      const folded = seedToUint32(seed);
      expect(Number.isInteger(folded) && folded >= 0 && folded < 2 ** 32).toBe(true);
    }
  });
});
