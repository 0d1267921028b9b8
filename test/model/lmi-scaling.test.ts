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

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** from req/s for 20 minutes, then a linear ramp to `to` over 5 minutes, then `to`. */
const ramp = (from: number, to: number) => (t: number) =>
  t < 20 * 60 ? from : Math.min(to, from + ((to - from) * (t - 20 * 60)) / 300);

/** The steady-state wave of DESIGN.md: mean 300 req/s, peak-to-mean 2, period 30 min. */
const wave = (t: number) => 300 * (1 + Math.sin((2 * Math.PI * t) / 1800));

describe('LMI scaling (virtual time)', () => {
  it('starts with 3 environments for each of the 8 functions (6 instances) and grows over a 90-minute steady state', () => {
    const model = lmiModel();
    const r = driveModel(model, START_MS, 90 * 60, wave, MIX);
    const instances = seriesValues(model, 'lmi.instances');
    const cpu = seriesValues(model, 'lmi.cpu_utilization');
    // 8 functions x 3 environments of 1 vCPU = 24 environments, 4 to an m7i.xlarge: 6 instances.
    expect(instances[0]).toBe(6);
    const envs = model.series().filter((s) => s.name === 'lmi.execution_environments');
    expect(envs.map((s) => s.labels.function).sort()).toEqual(
      ['notes-create', 'notes-crypto', 'notes-read', 'notes-sentiment', 'notes-update'].sort(),
    );
    for (const s of envs) expect(s.points[0][1]).toBeGreaterThanOrEqual(3);
    expect(Math.max(...instances)).toBeGreaterThan(7);
    expect(r.failed).toBe(0);
    expect(seriesValues(model, 'lambda.errors').reduce((a, b) => a + b, 0)).toBe(0);
    // Where the scaler is in charge of a function (above its 3-environment minimum), that
    // function's environments run at most near the 40% target (below it while they scale in
    // slowly after each peak): notes-sentiment gets 1/11 of the requests at 80 ms of CPU each, on
    // 1-vCPU environments.
    const sentimentEnvs = envs.find((s) => s.labels.function === 'notes-sentiment')!.points;
    const util = sentimentEnvs.flatMap(([, n], i) =>
      n > 3.5 && i > 5 * 60 ? [((r.arrivalsBySecond[i] / 11) * 0.08) / n] : [],
    );
    const mean = util.reduce((a, b) => a + b, 0) / util.length;
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.45);
    // The idle functions' minimum environments hold instances too: the provider runs below target.
    const providerMean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    expect(providerMean).toBeLessThan(0.3);
    // Throttles come from the start (the CPU-heavy functions on their 3-environment minimum until
    // the first 5-minute evaluation) and from each trough-to-peak rise (more than 2x in 5 minutes).
    expect(r.throttled / (r.admitted + r.throttled)).toBeLessThan(0.01);
    expect(sum(r.throttlesBySecond.slice(10 * 60, 30 * 60))).toBe(0);
  });

  it('throttles (cpu) when traffic more than doubles at once, until new instances are running', () => {
    const model = lmiModel();
    const rate = (t: number) => (t < 20 * 60 ? 300 : 750);
    const r = driveModel(model, START_MS, 30 * 60, rate, MIX);
    const throttles = r.throttlesBySecond;
    // Past the start (the CPU-heavy functions begin on their 3-environment minimum), no throttles.
    const before = throttles.slice(10 * 60, 20 * 60).reduce((a, b) => a + b, 0);
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
    // One CPU-heavy function well above its minimum: 100 req/s x 80 ms = 8 vCPUs of load.
    const model = lmiModel();
    const r = driveModel(model, START_MS, 35 * 60, ramp(100, 200), ['sentiment']);
    expect(sum(r.throttlesBySecond.slice(10 * 60))).toBe(0);
  });

  it('throttles for concurrency when request slots run out, and scales out for them', () => {
    const model = lmiModel({
      lmi: { perVCpuMaxConcurrency: 8 },
      routes: { summarize: { cpuTime: '1ms' } },
    });
    const r = driveModel(model, START_MS, 20 * 60, () => 40, ['summarize']);
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
    const model = lmiModel({ lmi: { maxInstances: 8 } });
    const rate = (t: number) => (t < 15 * 60 ? 900 : 100);
    driveModel(model, START_MS, 75 * 60, rate, MIX);
    const instances = seriesValues(model, 'lmi.instances');
    expect(Math.max(...instances)).toBeLessThanOrEqual(8);
    expect(instances[15 * 60 - 1]).toBeCloseTo(8, 5);
    // Environments scale in one per function per cooldown; instances follow, never below the
    // 6 that the functions' minimum environments need.
    expect(instances[instances.length - 1]).toBe(6);
    // Scale-in removes one instance at a time, at most once per cooldown (5 min).
    const drops = instances.flatMap((v, i) => (i > 0 && instances[i - 1] - v > 0.5 ? [i] : []));
    expect(drops.length).toBe(2);
    for (let i = 1; i < instances.length; i++)
      expect(instances[i - 1] - instances[i]).toBeLessThanOrEqual(1);
    expect(drops[1] - drops[0]).toBeGreaterThanOrEqual(5 * 60 - 1);
  });

  // Functions whose environments the scaler sizes (well above their 3-environment minimum): at
  // 100 req/s half sentiment (80 ms CPU) and half encrypt (40 ms), 4 + 2 vCPUs of load. (In the
  // notes mix at 100 req/s most functions sit on their minimum, which absorbs a 3x ramp.)
  const HEAVY = mixSequence({ sentiment: 1, encrypt: 1 });

  describe('headroom over the trailing 5-minute window', () => {
    it.each([
      ['one CPU-heavy function', ['sentiment']],
      ['two CPU-heavy functions', HEAVY],
    ])('%s: a linear ramp 100 -> 300 req/s over 5 minutes throttles', (_, routes) => {
      const model = lmiModel();
      const r = driveModel(model, START_MS, 35 * 60, ramp(100, 300), routes);
      expect(sum(r.throttlesBySecond.slice(10 * 60, 20 * 60))).toBe(0);
      expect(sum(r.throttlesBySecond.slice(20 * 60, 27 * 60))).toBeGreaterThan(0);
      expect(r.reasons.cpu).toBeGreaterThan(0);
    });

    it.each([
      ['one CPU-heavy function', ['sentiment']],
      ['two CPU-heavy functions', HEAVY],
      ['the notes mix', MIX],
    ])('%s: a linear ramp 100 -> 180 req/s over 5 minutes does not', (_, routes) => {
      const model = lmiModel();
      const r = driveModel(model, START_MS, 35 * 60, ramp(100, 180), routes);
      expect(sum(r.throttlesBySecond.slice(10 * 60))).toBe(0);
    });
  });

  it('holds between N and N+1 environments at a boundary (tolerance band), flaps without it', () => {
    // notes-sentiment at 98 or 102 req/s, alternating every 5-minute window: 7.84 or 8.16 vCPUs,
    // need(40%) = 20 or 21 environments; below 90% of the target (36%) 22 would still be needed.
    const rate = (t: number) => (Math.floor(t / 300) % 2 === 0 ? 102 : 98);
    const changes = (block: Record<string, unknown>) => {
      const model = lmiModel(block);
      driveModel(model, START_MS, 90 * 60, rate, ['sentiment']);
      const envs = model
        .series()
        .find((s) => s.name === 'lmi.execution_environments')!
        .points.map(([, v]) => v)
        .slice(20 * 60);
      return envs.filter((v, i) => i > 0 && Math.abs(v - envs[i - 1]) > 0.5).length;
    };
    expect(changes({})).toBe(0);
    expect(changes({ lmi: { scalingTolerance: 0 } })).toBeGreaterThan(4);
  });
});
