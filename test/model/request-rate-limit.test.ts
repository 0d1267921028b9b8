/**
 * Lambda's request-rate limit: 10 x the concurrency limit requests per second, per function and per
 * account (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html).
 */
import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { driveModel, seriesValues } from './drive-model.js';

const START_MS = Date.UTC(2026, 0, 1);

function onDemandModel(block: Record<string, unknown>) {
  const params = parseModelParams({ platform: 'on-demand', ...block }, {}, 'test');
  const rng = createRandom(1);
  return createPlatformModel(params, { startMs: START_MS, random: () => rng.next() });
}

describe('on-demand request-rate limit', () => {
  it('30,000 req/s for 60 s on a 20 ms function, account concurrency 1,000: 60-70% throttled', () => {
    const model = onDemandModel({
      onDemand: { accountConcurrency: 1000 },
      routes: { read: { serviceTime: '20ms' } },
    });
    const r = driveModel(model, START_MS, 60, () => 30_000, ['read']);
    const share = r.throttled / (r.admitted + r.throttled);
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.7);
    expect(r.reasons['request-rate']).toBeGreaterThan(0.9 * r.throttled);
    // Past the first seconds (cold starts, environment scaling), admissions are 10 x 1,000 a second.
    const invocations = seriesValues(model, 'lambda.invocations');
    for (const perSecond of invocations.slice(5)) expect(perSecond).toBeLessThanOrEqual(10_001);
    expect(invocations.slice(5).reduce((a, b) => a + b, 0)).toBeGreaterThan(55 * 9_900);
  });

  it('caps a function with reserved concurrency at 10 x its reservation', () => {
    const model = onDemandModel({
      onDemand: { reservedConcurrency: { 'notes-read': 50 } },
      routes: { read: { serviceTime: '20ms' } },
    });
    const r = driveModel(model, START_MS, 20, () => 1_000, ['read']);
    const invocations = seriesValues(model, 'lambda.invocations');
    for (const perSecond of invocations.slice(2)) expect(perSecond).toBeLessThanOrEqual(501);
    expect(r.reasons['request-rate']).toBeGreaterThan(18 * 450);
  });

  it('does not throttle below the limit', () => {
    const model = onDemandModel({ routes: { read: { serviceTime: '20ms' } } });
    const r = driveModel(model, START_MS, 30, () => 9_000, ['read']);
    expect(r.reasons['request-rate']).toBeUndefined();
  });
});
