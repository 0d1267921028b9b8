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
    [2000, 200],
    [3001, 301],
    [5000, 500],
    [100_000, 500],
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
