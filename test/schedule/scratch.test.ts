import { test } from 'vitest';
import { ArrivalCursor } from '../../src/schedule/arrival-cursor.js';
import type { Phase } from '../../src/profile/types.js';
test('scratch', () => {
  const cases: Phase[][] = [
    [{ kind: 'constant', durationMs: 10_000, ratePerSec: 500 }],
    [{ kind: 'ramp', durationMs: 30_000, fromPerSec: 0, toPerSec: 1500 }],
    [
      {
        kind: 'wave',
        durationMs: 90 * 60_000,
        meanPerSec: 300,
        peakToMean: 2,
        periodMs: 30 * 60_000,
        trendPerHour: 0.2,
        noise: 0.05,
      },
    ],
  ];
  for (const phases of cases) {
    const c = new ArrivalCursor(phases, { seed: 1 });
    const t0 = performance.now();
    let n = 0;
    let last = -1;
    let t: number;
    let bad = 0;
    while ((t = c.next()) !== Infinity) {
      if (t < last) bad++;
      last = t;
      n++;
    }
    console.log(
      phases[0].kind,
      n,
      c.totalArrivals,
      'ms',
      (performance.now() - t0).toFixed(1),
      'bad',
      bad,
      'last',
      last,
    );
  }
});
