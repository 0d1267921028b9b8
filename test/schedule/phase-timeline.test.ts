/**
 * The phase clock's edges, as a table: a phase covers [start, end), so t == end is in the next
 * phase (or after the schedule); zero-length phases never run but keep their start and index.
 */
import { describe, expect, it } from 'vitest';
import {
  clampedPhaseAt,
  phaseAt,
  phaseSpans,
  phaseStartMs,
  phaseStartsMs,
  scheduleSeconds,
  totalDurationMs,
} from '../../src/schedule/phase-timeline.js';
import { rateAt } from '../../src/schedule/rate-at.js';
import { constant, ramp } from './fixtures.js';

// Phase 0: [0, 1000); phase 1: zero-length at 1000; phase 2: [1000, 2500).
const PHASES = [constant(1000, 10), ramp(0, 10, 20), constant(1500, 30)];

describe('phaseAt and clampedPhaseAt', () => {
  it.each([
    // tMs, phaseAt, clampedPhaseAt
    [-1, -1, 0],
    [Number.NaN, -1, 0],
    [0, 0, 0],
    [999.999, 0, 0],
    [1000, 2, 2], // phase 0's end is phase 2's start; the zero-length phase 1 never runs
    [2499.999, 2, 2],
    [2500, -1, 2], // the schedule's end is after the schedule; clamped to the last phase
    [10_000, -1, 2],
  ])('t = %d ms: phaseAt %d, clampedPhaseAt %d', (tMs, at, clamped) => {
    expect(phaseAt(PHASES, tMs)).toBe(at);
    expect(clampedPhaseAt(PHASES, tMs)).toBe(clamped);
  });

  it('has no phase in an empty schedule; clampedPhaseAt still gives 0', () => {
    expect(phaseAt([], 0)).toBe(-1);
    expect(clampedPhaseAt([], 0)).toBe(0);
  });

  it('rateAt asks the same clock: the boundary takes the next phase, the end gives 0', () => {
    expect(rateAt(PHASES, 999)).toBe(10);
    expect(rateAt(PHASES, 1000)).toBe(30);
    expect(rateAt(PHASES, 2500)).toBe(0);
  });
});

describe('schedule length and phase starts', () => {
  it.each([
    // durations, totalDurationMs, scheduleSeconds
    [[], 0, 0],
    [[1000], 1000, 1],
    [[1000, 0, 1500], 2500, 3],
    [[1001], 1001, 2],
    [[1000, -50], 1000, 1], // a negative duration counts as 0
  ])('durations %j: %d ms, %d timeline seconds', (durations, totalMs, seconds) => {
    const phases = durations.map((d) => constant(d, 1));
    expect(totalDurationMs(phases)).toBe(totalMs);
    expect(scheduleSeconds(phases)).toBe(seconds);
  });

  it('gives every phase its start, the zero-length one included', () => {
    expect(phaseStartsMs(PHASES)).toEqual([0, 1000, 1000]);
    expect([0, 1, 2, 3, 9].map((i) => phaseStartMs(PHASES, i))).toEqual([
      0, 1000, 1000, 2500, 2500,
    ]);
    expect(phaseSpans(PHASES)).toEqual([
      { kind: 'constant', startMs: 0, durationMs: 1000 },
      { kind: 'ramp', startMs: 1000, durationMs: 0 },
      { kind: 'constant', startMs: 1000, durationMs: 1500 },
    ]);
  });
});
