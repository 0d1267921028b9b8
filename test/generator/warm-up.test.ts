/**
 * warmUpRequestCount's rule, and warmUpCodePaths against its canned-reply server: every request
 * has its reply parsed as a 2xx by the real sending code.
 */
import { describe, expect, it } from 'vitest';
import { warmUpCodePaths, warmUpRequestCount } from '../../src/generator/warm-up.js';

describe('warmUpRequestCount', () => {
  it.each([
    [0, 200, 200],
    [100, 200, 200],
    [2000, 200, 1000],
    [3001, 301, 1500],
    [5000, 500, 1500],
    [100_000, 500, 1500],
  ])(
    'a worker peaking at %d req/s warms up with %d requests (lean), %d (undici)',
    (peak, lean, undici) => {
      expect(warmUpRequestCount(peak, 'lean')).toBe(lean);
      expect(warmUpRequestCount(peak, 'undici')).toBe(undici);
    },
  );
});

describe('warmUpCodePaths', () => {
  it('every request gets a 2xx reply from the canned-reply server', async () => {
    expect(await warmUpCodePaths(300, 16)).toBe(300);
  });

  it('also when there are fewer requests than connections', async () => {
    expect(await warmUpCodePaths(5, 32)).toBe(5);
  });
});
