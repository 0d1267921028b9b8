import { describe, expect, it } from 'vitest';
import {
  invertWaveRange,
  invertWaveWithin,
  waveArrivalsBetween,
  waveRange,
  type WaveShape,
} from '../../src/schedule/wave-math.js';

const WAVES: WaveShape[] = [
  { durationMs: 5_400_000, meanPerSec: 300, peakToMean: 2, periodMs: 1_800_000, trendPerHour: 0.2 },
  { durationMs: 600_000, meanPerSec: 50, peakToMean: 3.5, periodMs: 120_000, trendPerHour: -0.5 },
  { durationMs: 60_000, meanPerSec: 10, peakToMean: 1, periodMs: 0, trendPerHour: 0 },
];

describe('invertWaveRange', () => {
  it('inverts Λ on the range, one prepared range giving a fresh one’s time for every arrival', () => {
    for (const w of WAVES)
      for (let fromMs = 0; fromMs < w.durationMs; fromMs += w.durationMs / 7) {
        const toMs = Math.min(fromMs + 1000, w.durationMs);
        const range = waveRange(w, fromMs, toMs);
        const whole = waveArrivalsBetween(w, fromMs, toMs);
        for (const share of [0, 1e-9, 0.1, 0.37, 0.5, 0.99, 1])
          for (const factor of [1, 0.95, 1.05, 0]) {
            const arrivals = share * whole * factor;
            const u = invertWaveRange(range, arrivals, factor);
            expect(u).toBe(invertWaveWithin(w, fromMs, toMs, arrivals, factor));
            expect(u).toBeGreaterThanOrEqual(fromMs);
            expect(u).toBeLessThanOrEqual(toMs);
            if (factor > 0)
              expect(Math.abs(waveArrivalsBetween(w, fromMs, u) - arrivals / factor)).toBeLessThan(
                1e-6,
              );
          }
      }
  });
});
