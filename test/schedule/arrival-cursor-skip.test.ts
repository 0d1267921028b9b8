/** ArrivalCursor.skipBefore: what the open loop's lateness bound uses to drop arrivals in bulk. */
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import { ArrivalCursor, type ArrivalCursorOptions } from '../../src/schedule/arrival-cursor.js';
import { constant, ramp } from './fixtures.js';

function all(phases: Phase[], o: ArrivalCursorOptions): Array<{ t: number; phase: number }> {
  const c = new ArrivalCursor(phases, o);
  const out: Array<{ t: number; phase: number }> = [];
  for (let t = c.next(); t !== Infinity; t = c.next()) out.push({ t, phase: c.phaseIndex });
  return out;
}

/** Takes `first` arrivals, skips before `boundMs`, then reads the rest. */
function withSkip(phases: Phase[], o: ArrivalCursorOptions, first: number, boundMs: number) {
  const c = new ArrivalCursor(phases, o);
  const before: number[] = [];
  for (let i = 0; i < first; i++) before.push(c.next());
  const phaseOfLast = c.phaseIndex;
  const skipped = c.skipBefore(boundMs);
  const after: number[] = [];
  for (let t = c.next(); t !== Infinity; t = c.next()) after.push(t);
  return { before, skipped, after, phaseOfLast, returned: c.returned };
}

describe('ArrivalCursor.skipBefore', () => {
  const phases = [constant(2000, 300), ramp(3000, 300, 900)];

  it.each([
    ['uniform, one worker', { workerIndex: 0, workerCount: 1 }],
    ['uniform, worker 1 of 3', { workerIndex: 1, workerCount: 3 }],
    [
      'poisson, worker 2 of 3',
      { arrivals: 'poisson' as const, seed: 7, workerIndex: 2, workerCount: 3 },
    ],
  ])('%s: skips exactly the arrivals before the bound, within the phase', (_name, o) => {
    const full = all(phases, o);
    const first = 10;
    const bound = 1234.5;
    const r = withSkip(phases, o, first, bound);
    const expectedSkipped = full.slice(first).filter((a) => a.t < bound).length;
    expect(expectedSkipped).toBeGreaterThan(100);
    expect(r.skipped).toBe(expectedSkipped);
    expect(r.after).toEqual(full.slice(first + expectedSkipped).map((a) => a.t));
    expect(r.returned).toBe(full.length);
  });

  it('does not skip past the end of the phase of the last arrival', () => {
    const o = { workerIndex: 0, workerCount: 2 };
    const full = all(phases, o);
    const r = withSkip(phases, o, 1, 2500);
    const inPhase0 = full.filter((a) => a.phase === 0).length;
    expect(r.phaseOfLast).toBe(0);
    expect(r.skipped).toBe(inPhase0 - 1);
    expect(r.after[0]).toBe(full[inPhase0].t);
  });

  it('skips nothing when the bound is not past the next arrival', () => {
    const c = new ArrivalCursor([constant(1000, 10)]);
    expect(c.next()).toBe(50);
    expect(c.skipBefore(150)).toBe(0);
    expect(c.next()).toBe(150);
    expect(c.skipBefore(100)).toBe(0);
    expect(c.next()).toBe(250);
  });

  it('jumps a huge rate in O(1): 10^12 req/s, 2 workers', () => {
    const c = new ArrivalCursor([constant(3000, 1e12)], { workerIndex: 0, workerCount: 2 });
    c.next();
    // Global arrivals before 1 s: 10^12; this worker's share is half, minus the one returned.
    expect(c.skipBefore(1000)).toBe(5e11 - 1);
    expect(c.next()).toBeGreaterThanOrEqual(1000);
    expect(c.skipBefore(5000)).toBe(1e12 - 1);
    expect(c.next()).toBe(Infinity);
  });

  it('poisson far behind: restarts the process at the bound with the expected count', () => {
    const c = new ArrivalCursor([constant(3000, 1e9)], { arrivals: 'poisson', seed: 1 });
    c.next();
    const skipped = c.skipBefore(1000);
    expect(Math.abs(skipped - 1e9)).toBeLessThan(1e3);
    const next = c.next();
    expect(next).toBeGreaterThanOrEqual(1000);
    expect(next).toBeLessThan(1000.01);
  });
});
