/**
 * warmUpRequestCount's rule, and warmUpCodePaths against its canned-reply server: every request
 * has its reply parsed as a 2xx by the real sending code.
 */
import { describe, expect, it } from 'vitest';
import { warmUpCodePaths, warmUpRequestCount } from '../../src/generator/warm-up.js';

describe('warmUpRequestCount', () => {
  it.each([
    [0, 200],
    [100, 200],
    [1000, 500],
    [2001, 1001],
    [3000, 1500],
    [5000, 1500],
    [100_000, 1500],
  ])('a worker peaking at %d req/s warms up with %d requests', (peak, count) => {
    expect(warmUpRequestCount(peak)).toBe(count);
  });
});

describe('warmUpCodePaths', () => {
  it('every request gets a 2xx reply from the canned-reply server', async () => {
    expect(await warmUpCodePaths(300, 16)).toBe(300);
  });

  it('also when there are fewer requests than connections', async () => {
    expect(await warmUpCodePaths(5, 32)).toBe(5);
  });
});
