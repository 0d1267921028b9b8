import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { driveModel, seriesValues } from './drive-model.js';

const START_MS = Date.UTC(2026, 0, 1);

function randomOf(seed: number): () => number {
  const rng = createRandom(seed);
  return () => rng.next();
}

function onDemandModel(block: Record<string, unknown>, seed = 1) {
  const params = parseModelParams({ platform: 'on-demand', ...block }, {}, 'test');
  return createPlatformModel(params, { startMs: START_MS, random: randomOf(seed) });
}

describe('on-demand Lambda scaling (virtual time)', () => {
  it('absorbs a 2 -> 1,500 req/s ramp within 30 s at 100 ms service time without throttles', () => {
    const model = onDemandModel({ routes: { read: { serviceTime: '100ms' } } });
    const rate = (t: number) => (t < 30 ? 2 + ((1500 - 2) * t) / 30 : 1500);
    const r = driveModel(model, START_MS, 60, rate, ['read']);
    expect(r.admitted).toBeGreaterThan(60_000);
    expect(r.throttled).toBe(0);
    const concurrency = seriesValues(model, 'lambda.concurrent_executions');
    // Concurrency ≈ rate × duration: 1,500 × 0.1 s = 150, more while environments cold-start.
    expect(Math.max(...concurrency)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...concurrency)).toBeLessThan(1000);
    expect(seriesValues(model, 'lambda.cold_starts').reduce((a, b) => a + b, 0)).toBeGreaterThan(
      100,
    );
  });

  it('throttles a step to 30,000 req/s at 1 s service time, easing at 1,000 new environments per 10 s until the account limit caps concurrency', () => {
    const model = onDemandModel({
      onDemand: { accountConcurrency: 5000 },
      routes: { read: { serviceTime: '1s' } },
    });
    const rate = (t: number) => (t < 10 ? 10 : 30_000);
    const r = driveModel(model, START_MS, 80, rate, ['read']);
    const conc = seriesValues(model, 'lambda.concurrent_executions');
    const throttles = r.throttlesBySecond;
    // Right after the step: one window's burst (1,000), one second of refill (100) and the warm
    // pool of 10 req/s × (1 s + cold start), everything else throttled.
    expect(conc[10]).toBeLessThanOrEqual(1000 + 100 + 20);
    expect(throttles[11]).toBeGreaterThan(25_000);
    // The scaling budget: no 10 s window adds more than 1,000 environments (after the first burst).
    for (let s = 12; s + 10 < conc.length; s++)
      expect(conc[s + 10] - conc[s]).toBeLessThanOrEqual(1000 + 1);
    // Throttles ease while environments are added...
    expect(throttles[30]).toBeLessThan(throttles[15]);
    expect(throttles[45]).toBeLessThan(throttles[30]);
    // ...until the account limit (5,000) caps concurrency, and then they stay.
    expect(Math.max(...conc)).toBe(5000);
    expect(throttles[75]).toBeGreaterThanOrEqual(30_000 - 5000 - 100);
    expect(r.reasons['scaling-rate']).toBeGreaterThan(0);
    expect(r.reasons['account-concurrency']).toBeGreaterThan(0);
    expect(seriesValues(model, 'lambda.throttles').reduce((a, b) => a + b, 0)).toBe(r.throttled);
  });

  it('caps every function at the default account limit of 1,000, shared by all functions', () => {
    const model = onDemandModel({
      routes: { read: { serviceTime: '1s' }, create: { serviceTime: '1s' } },
    });
    let peak = 0;
    const r = driveModel(
      model,
      START_MS,
      20,
      () => 2000,
      ['read', 'create'],
      (nowMs) => {
        const state = model.state(nowMs) as {
          onDemand: { unreservedConcurrentExecutions: number };
        };
        peak = Math.max(peak, state.onDemand.unreservedConcurrentExecutions);
      },
    );
    expect(peak).toBe(1000);
    expect(r.reasons['account-concurrency']).toBeGreaterThan(0);
  });

  it('caps a function at its reserved concurrency and keeps it out of the shared pool', () => {
    const model = onDemandModel({
      onDemand: { reservedConcurrency: { 'notes-read': 50 } },
      routes: { read: { serviceTime: '1s' } },
    });
    const r = driveModel(model, START_MS, 10, () => 200, ['read']);
    expect(r.reasons['reserved-concurrency']).toBeGreaterThan(0);
    expect(Math.max(...seriesValues(model, 'lambda.concurrent_executions'))).toBe(50);
  });

  it('reuses warm environments and reclaims idle ones after the idle timeout', () => {
    const model = onDemandModel({
      onDemand: { idleTimeout: '30s' },
      routes: { read: { serviceTime: '100ms' } },
    });
    driveModel(model, START_MS, 10, () => 20, ['read']);
    const colds = seriesValues(model, 'lambda.cold_starts');
    // 20 req/s × (100 ms + a 200-400 ms cold start) needs at most 10 environments, all in second 0.
    expect(colds.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    expect(colds.slice(2).reduce((a, b) => a + b, 0)).toBe(0);
    model.advance(START_MS + 60_000);
    const state = model.state(START_MS + 60_000) as { onDemand: { environments: number } };
    expect(state.onDemand.environments).toBe(0);
    const again = model.admit('read', START_MS + 61_000);
    expect(again.admitted && again.coldStartMs).toBeGreaterThanOrEqual(200);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const model = onDemandModel({ routes: { read: { serviceTime: '1s' } } }, seed);
      driveModel(model, START_MS, 20, (t) => (t < 5 ? 10 : 3000), ['read']);
      return JSON.stringify(model.series());
    };
    expect(run(7)).toBe(run(7));
  });
});
