import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { driveModel, mixSequence, seriesValues } from './drive-model.js';

const START_MS = Date.UTC(2026, 0, 1);

function randomOf(seed: number): () => number {
  const rng = createRandom(seed);
  return () => rng.next();
}
/** A steady-state mix of the notes API: mostly CRUD, some CPU-heavy routes. */
const MIX = mixSequence({ read: 6, create: 2, update: 1, sentiment: 1, encrypt: 1 });

function lmiModel(block: Record<string, unknown> = {}, seed = 1) {
  const params = parseModelParams({ platform: 'lmi', ...block }, {}, 'test');
  return createPlatformModel(params, { startMs: START_MS, random: randomOf(seed) });
}

/** The steady-state wave of DESIGN.md: mean 300 req/s, peak-to-mean 2, period 30 min. */
const wave = (t: number) => 300 * (1 + Math.sin((2 * Math.PI * t) / 1800));

describe('LMI scaling (virtual time)', () => {
  it('grows from 3 instances over a 90-minute steady state, keeps CPU near the target, no errors', () => {
    const model = lmiModel();
    const r = driveModel(model, START_MS, 90 * 60, wave, MIX);
    const instances = seriesValues(model, 'lmi.instances');
    const cpu = seriesValues(model, 'lmi.cpu_utilization');
    expect(instances[0]).toBe(3);
    expect(Math.max(...instances)).toBeGreaterThan(4);
    expect(r.failed).toBe(0);
    expect(seriesValues(model, 'lambda.errors').reduce((a, b) => a + b, 0)).toBe(0);
    // Where the scaler is in charge (above the 3-instance floor), utilization averages near 40%.
    const scaled = cpu.filter((_, i) => instances[i] > 3);
    const mean = scaled.reduce((a, b) => a + b, 0) / scaled.length;
    expect(mean).toBeGreaterThan(0.25);
    expect(mean).toBeLessThan(0.5);
    expect(r.throttled / (r.admitted + r.throttled)).toBeLessThan(0.001);
  });

  it('throttles (cpu) when traffic more than doubles at once, until new instances are running', () => {
    const model = lmiModel();
    const rate = (t: number) => (t < 20 * 60 ? 300 : 750);
    const r = driveModel(model, START_MS, 30 * 60, rate, MIX);
    const throttles = r.throttlesBySecond;
    const before = throttles.slice(0, 20 * 60).reduce((a, b) => a + b, 0);
    const after = throttles.slice(20 * 60, 25 * 60).reduce((a, b) => a + b, 0);
    const settled = throttles.slice(27 * 60).reduce((a, b) => a + b, 0);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
    expect(r.reasons.cpu).toBeGreaterThan(0);
    expect(settled).toBe(0);
    expect(r.failed).toBe(0);
    const cpuThrottles = seriesValues(model, 'lambda.cpu_throttles').reduce((a, b) => a + b, 0);
    expect(cpuThrottles).toBe(r.reasons.cpu);
  });

  it('absorbs traffic that doubles over 5 minutes without throttles (the documented headroom)', () => {
    const model = lmiModel();
    const rate = (t: number) =>
      t < 20 * 60 ? 300 : Math.min(600, 300 + (300 * (t - 20 * 60)) / 300);
    const r = driveModel(model, START_MS, 35 * 60, rate, MIX);
    expect(r.throttled).toBe(0);
  });

  it('throttles for concurrency when request slots run out, and scales out for them', () => {
    const model = lmiModel({
      lmi: { perVCpuMaxConcurrency: 8 },
      routes: { summarize: { cpuTime: '1ms' } },
    });
    const r = driveModel(model, START_MS, 10 * 60, () => 40, ['summarize']);
    expect(r.reasons.concurrency).toBeGreaterThan(0);
    expect(Math.max(...seriesValues(model, 'lmi.instances'))).toBeGreaterThan(3);
    expect(r.throttlesBySecond.slice(-60).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('names memory as the reason when memory limits the environments per instance', () => {
    const model = lmiModel({
      architecture: 'arm64',
      lmi: {
        instanceType: 'c7g.xlarge',
        functionMemoryGiB: 4,
        memoryGiBPerVCpu: 4,
        perVCpuMaxConcurrency: 4,
      },
      routes: { summarize: { cpuTime: '1ms' } },
    });
    const r = driveModel(model, START_MS, 30, () => 40, ['summarize']);
    expect(r.reasons.memory).toBeGreaterThan(0);
  });

  it('never goes above maxInstances and scales in slowly after a peak', () => {
    const model = lmiModel({ lmi: { maxInstances: 5 } });
    const rate = (t: number) => (t < 15 * 60 ? 900 : 100);
    driveModel(model, START_MS, 45 * 60, rate, MIX);
    const instances = seriesValues(model, 'lmi.instances');
    expect(Math.max(...instances)).toBeLessThanOrEqual(5);
    expect(instances[15 * 60 - 1]).toBeCloseTo(5, 5);
    expect(instances[instances.length - 1]).toBe(3);
    // Scale-in removes one instance at a time, at most once per cooldown (5 min).
    const drops = instances.flatMap((v, i) => (i > 0 && instances[i - 1] - v > 0.5 ? [i] : []));
    expect(drops.length).toBe(2);
    for (let i = 1; i < instances.length; i++)
      expect(instances[i - 1] - instances[i]).toBeLessThanOrEqual(1);
    expect(drops[1] - drops[0]).toBeGreaterThanOrEqual(5 * 60 - 1);
  });
});
