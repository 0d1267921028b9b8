import { describe, expect, it } from 'vitest';
import type { Phase, Profile } from '../../src/profile/types.js';
import { ArrivalCursor } from '../../src/schedule/arrival-cursor.js';
import { planSchedule } from '../../src/schedule/plan-schedule.js';
import { rateAt } from '../../src/schedule/rate-at.js';
import { constant, pulses, ramp, users, wave } from './fixtures.js';

function profile(phases: Phase[], load: Partial<Profile['load']> = {}, seed?: number): Profile {
  return {
    name: 'test',
    source: 'test.yaml',
    load: {
      model: 'open',
      maxInFlight: 10_000,
      arrivals: 'uniform',
      thinkTimeMs: 0,
      maxLatenessMs: 1000,
      phases,
      ...load,
    },
    requests: [],
    flows: [],
    headers: {},
    gates: [],
    platform: 'on-demand',
    seed,
  };
}

const needlepoint = [constant(30_000, 2), ramp(30_000, 2, 1500), constant(60_000, 1500)];

describe('planSchedule', () => {
  it('summarises the needlepoint with exact counts and per-worker shares', () => {
    const plan = planSchedule(profile(needlepoint), { workers: 4 });
    expect(plan).toMatchObject({
      model: 'open',
      workers: 4,
      totalDurationMs: 120_000,
      // 60 + 22 530 + 90 000
      plannedRequests: 112_590,
      peakRatePerSec: 1500,
    });
    expect(plan.expectedRequests).toBeCloseTo(112_590, 6);
    expect(plan.meanRatePerSec).toBeCloseTo(112_590 / 120, 6);
    expect(plan.phaseRows.map((r) => [r.kind, r.startMs, r.fromPerSec, r.toPerSec])).toEqual([
      ['constant', 0, 2, 2],
      ['ramp', 30_000, 2, 1500],
      ['constant', 60_000, 1500, 1500],
    ]);
    expect(plan.phaseRows.map((r) => r.expectedRequests)).toEqual([60, 22_530, 90_000]);
    // 112 590 = 4 × 28 147 + 2: the first two workers take one more
    expect(plan.perWorker.map((w) => w.requests)).toEqual([28_148, 28_148, 28_147, 28_147]);
    expect(plan.perWorker.every((w) => w.peakRatePerSec === 375)).toBe(true);
  });

  it("plans exactly what the workers' cursors will send, wave noise included", () => {
    const phases = [wave(60_000, 100, 2, 20_000, 0.3, 0.2), pulses(5000, 1000, 200, 500, 10)];
    const plan = planSchedule(profile(phases, {}, 17), { workers: 3 });
    plan.perWorker.forEach(({ workerIndex, requests }) => {
      const cursor = new ArrivalCursor(plan.phases, { seed: 17, workerIndex, workerCount: 3 });
      let sent = 0;
      while (cursor.next() !== Infinity) sent++;
      expect(sent).toBe(requests);
    });
    expect(plan.seed).toBe(17);
  });

  it('with a seed, peaks where the noisy wave does; without one, at the highest any seed gives', () => {
    const phases = [wave(300_000, 100, 2, 60_000, 0, 0.5)];
    const seeded = planSchedule(profile(phases, {}, 5));
    let sampled = 0;
    for (let t = 0; t < 300_000; t += 10)
      sampled = Math.max(sampled, rateAt(seeded.phases, t, { noiseSeed: 5 }));
    expect(seeded.peakRatePerSec).toBeGreaterThanOrEqual(sampled - 1e-9);
    expect(seeded.peakRatePerSec).toBeLessThan(sampled + 0.05);
    expect(seeded.peakRatePerSec).toBeGreaterThan(200); // the noise-free peak
    expect(seeded.peakIsUpperBound).toBe(false);
    expect(seeded.phaseRows[0].peakPerSec).toBe(seeded.peakRatePerSec);
    expect(seeded.meanRatePerSec).toBeCloseTo(seeded.plannedRequests / 300, 9);
    // the phase row counts the same noisy arrivals as the total (one phase: uniform rounding only)
    expect(Math.round(seeded.phaseRows[0].plannedRequests)).toBe(seeded.plannedRequests);
    expect(seeded.phaseRows[0].plannedRequests).not.toBeCloseTo(seeded.expectedRequests, 0);

    const unseeded = planSchedule(profile(phases));
    expect(unseeded.seed).toBeNull();
    expect(unseeded.peakRatePerSec).toBeCloseTo(300, 6); // 200 × (1 + 0.5)
    expect(unseeded.peakIsUpperBound).toBe(true);
    // the noise has mean 1: the plan counts the noise-free expectation, not seed 0's draw
    expect(unseeded.plannedRequests).toBe(Math.round(unseeded.expectedRequests));
  });

  it('applies --time-scale, --rate-scale and --duration before planning', () => {
    const plan = planSchedule(profile(needlepoint), {
      timeScale: 0.5,
      rateScale: 2,
      maxDurationMs: 45_000,
    });
    // 15 s at 4 + 15 s ramp 4 -> 3000 + 15 s at 3000
    expect(plan.totalDurationMs).toBe(45_000);
    expect(plan.plannedRequests).toBe(60 + 22_530 + 45_000);
    expect(plan.peakRatePerSec).toBe(3000);
  });

  it('gives the expected share for poisson arrivals', () => {
    const plan = planSchedule(profile([constant(10_000, 100)], { arrivals: 'poisson' }), {
      workers: 3,
    });
    expect(plan.plannedRequests).toBe(1000);
    expect(plan.perWorker.map((w) => w.requests)).toEqual([1000 / 3, 1000 / 3, 1000 / 3]);
  });

  it('reports the most users for the closed model and no arrivals', () => {
    const plan = planSchedule(profile([users(60_000, 10), users(60_000, 40)], { model: 'closed' }));
    expect(plan).toMatchObject({
      model: 'closed',
      maxUsers: 40,
      plannedRequests: 0,
      peakRatePerSec: 0,
    });
    expect(plan.phaseRows.map((r) => r.users)).toEqual([10, 40]);
  });

  it.each([
    // SAD PATH
    [{ workers: 0 }],
    [{ workers: 1.5 }],
    [{ timeScale: 0 }],
  ])('refuses %o', (options) => {
    expect(() => planSchedule(profile(needlepoint), options)).toThrow(RangeError);
  });
});
