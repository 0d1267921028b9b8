/**
 * Since 1 August 2025 AWS bills the INIT phase of on-demand functions: the model's
 * `lambda.billed_duration_ms` is handler time plus cold-start time, each invocation rounded up to
 * 1 ms; `lambda.duration_ms` stays the Duration metric (handler only).
 */
import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { driveModel, seriesValues } from './drive-model.js';

const START_MS = Date.UTC(2026, 0, 1);

function model(block: Record<string, unknown>) {
  const params = parseModelParams(block, {}, 'test');
  const rng = createRandom(1);
  return createPlatformModel(params, { startMs: START_MS, random: () => rng.next() });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('billed duration', () => {
  it('on-demand: bills init on every cold start, worked out by hand', () => {
    // 10 req/s of a 20.4 ms handler with a fixed 300 ms init: a warm invocation bills
    // ceil(20.4) = 21 ms, a cold one ceil(300 + 20.4) = 321 ms.
    const m = model({
      platform: 'on-demand',
      onDemand: { coldStart: '300ms' },
      routes: { read: { serviceTime: '20.4ms' } },
    });
    const r = driveModel(m, START_MS, 20, () => 10, ['read']);
    const coldStarts = sum(seriesValues(m, 'lambda.cold_starts'));
    expect(coldStarts).toBeGreaterThan(0);
    const billed = sum(seriesValues(m, 'lambda.billed_duration_ms'));
    expect(billed).toBe(21 * (r.admitted - coldStarts) + 321 * coldStarts);
    // Duration (the CloudWatch metric) excludes init.
    const duration = seriesValues(m, 'lambda.duration_ms');
    for (const v of duration) expect(v).toBeCloseTo(20.4, 6);
  });

  it('LMI has no duration billing and no billed-duration series', () => {
    const m = model({ platform: 'lmi' });
    driveModel(m, START_MS, 5, () => 10, ['read']);
    expect(m.series().filter((s) => s.name === 'lambda.billed_duration_ms')).toEqual([]);
  });
});
