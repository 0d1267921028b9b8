import { describe, expect, it } from 'vitest';
import { DurablePollPacer, pollShare } from '../../src/mix/durable-poll-pacer.js';

describe('durable poll budget', () => {
  it.each([1, 2, 3, 4, 7, 16, 30])('splits 30 polls/s exactly over %i workers', (n) => {
    const shares = Array.from({ length: n }, (_, i) => pollShare(30, i, n));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(30);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });

  it('never lets a worker send more than its share in any one-second window', () => {
    const pacer = new DurablePollPacer(7);
    const sent: number[] = [];
    // Ask every millisecond for 10 s: the pacer decides.
    for (let t = 0; t < 10_000; t++) if (pacer.tryTake(t)) sent.push(t);
    let worst = 0;
    for (let i = 0; i < sent.length; i++) {
      let j = i;
      while (j < sent.length && sent[j] < sent[i] + 1000) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBe(7);
    expect(sent.length).toBeGreaterThanOrEqual(68); // close to 7/s: the 2% margin only
  });

  it('a worker without a share never polls', () => {
    const pacer = new DurablePollPacer(0);
    expect(pacer.tryTake(0)).toBe(false);
    expect(pacer.tryTake(1e9)).toBe(false);
  });
});
