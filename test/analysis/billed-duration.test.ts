/**
 * GB-s from the Duration metric add what Lambda bills beyond it: each invocation rounded up to
 * 1 ms (estimated at 0.5 ms, as the record has no per-invocation durations) and, on an on-demand
 * run whose record counts cold starts and gives the model's init time, the INIT phase (billed since
 * August 2025). Checked against the model's exact per-invocation billed durations.
 */
import { describe, expect, it } from 'vitest';
import { costAssumptions } from '../../src/analysis/cost-assumptions.js';
import { workDone } from '../../src/analysis/work-done.js';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { createRandom } from '../../src/random/seeded-random.js';
import type { PlatformSeries, RunRecord } from '../../src/record/run-record.js';
import { driveModel } from '../model/drive-model.js';
import { functionSeries } from './fixtures/function-series.js';
import { makeRunRecord, T0 } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];
const work = (r: RunRecord) => workDone(r, prices, costAssumptions(r));

function coldStarts(fn: string, values: number[]): PlatformSeries {
  return { ...functionSeries(fn, values, values)[0], name: 'lambda.cold_starts' };
}

const INIT_MODEL = {
  'onDemand.coldStartMs': { value: { min: 200, max: 400 }, source: 'assumed' },
  timeScale: { value: 1, source: 'assumed' },
};

describe('billed duration from lambda.duration_ms', () => {
  it('adds 0.5 ms an invocation for the 1 ms round-up, and says it is an estimate', () => {
    // 200 × 50 ms = 10 s, + 200 × 0.5 ms
    const r = makeRunRecord({ platform: { series: functionSeries('fn', [100, 100], [50, 50]) } });
    const f = work(r).functions[0];
    expect(f.billedSec).toBeCloseTo(10.1, 12);
    expect(f.durationSource).toMatch(
      /^invocations × lambda\.duration_ms \+ 0\.5 ms an invocation for the 1 ms round-up \(estimated\); /,
    );
  });

  it.each([
    [
      'an on-demand run with cold starts and the model init time: INIT included',
      { target: 'on-demand', cold: true, model: INIT_MODEL },
      // 10.1 s + 3 cold starts × 300 ms
      10.1 + 0.9,
      /INIT: cold starts × 300\.0 ms, the mean of the model's onDemand\.coldStartMs/,
    ],
    [
      'cold starts without init durations: INIT not included',
      { target: 'on-demand', cold: true, model: {} },
      10.1,
      /INIT not included \(the record has no init durations; billed on on-demand since August 2025: https:\/\/aws\.amazon\.com\/blogs\/compute\/aws-lambda-standardizes-billing-for-init-phase\/\)/,
    ],
    [
      'no cold-start counts (CloudWatch): INIT not included',
      { target: 'on-demand', cold: false, model: INIT_MODEL },
      10.1,
      /INIT not included \(the record has no cold-start counts; /,
    ],
    [
      'an LMI run (no cold starts to count): INIT not included',
      { target: 'lmi', cold: true, model: INIT_MODEL },
      10.1,
      /INIT not included \(an LMI run has no cold starts to count; /,
    ],
  ] as const)('%s', (_, c, billedSec, source) => {
    const series = functionSeries('fn', [100, 100], [50, 50]);
    if (c.cold) series.push(coldStarts('fn', [3, 0]));
    const base = makeRunRecord();
    const r = makeRunRecord({
      target: { ...base.target, platform: c.target },
      platform: { series, model: c.model },
    });
    const f = work(r).functions[0];
    expect(f.billedSec).toBeCloseTo(billedSec, 12);
    expect(f.durationSource).toMatch(source);
  });

  it('lambda.billed_duration_ms, when present, is taken as it is', () => {
    const series = functionSeries('fn', [100, 100], [50, 50]);
    series.push({ ...series[0], name: 'lambda.billed_duration_ms', points: [[T0, 10_500]] });
    const f = work(makeRunRecord({ platform: { series } })).functions[0];
    expect(f.billedSec).toBe(10.5);
    expect(f.durationSource).toBe('lambda.billed_duration_ms (init included)');
  });
});

describe("against the model's exact billed durations", () => {
  it('the estimate from Duration and cold starts is within 0.5% of what the model billed', () => {
    const params = parseModelParams(
      {
        platform: 'on-demand',
        onDemand: { coldStart: { min: '200ms', max: '400ms' }, idleTimeout: '2s' },
        routes: { read: { serviceTime: { min: '5ms', max: '25ms' } } },
      },
      {},
      'test',
    );
    const rng = createRandom(7);
    const model = createPlatformModel(params, { startMs: T0, random: () => rng.next() });
    // bursts, so that environments go idle, are reclaimed and start cold again
    driveModel(model, T0, 60, (t) => (Math.floor(t / 5) % 2 === 0 ? 200 : 5), ['read']);
    const record = makeRunRecord({
      timeline: makeRunRecord().timeline,
      platform: { series: model.series(), model: model.modelParameters() },
    });
    const exact = work(record).gbSeconds;
    const withoutBilled: RunRecord = {
      ...record,
      platform: {
        ...record.platform,
        series: record.platform.series.filter((s) => s.name !== 'lambda.billed_duration_ms'),
      },
    };
    const estimate = work(withoutBilled);
    expect(estimate.functions[0].durationSource).toMatch(/INIT: cold starts/);
    expect(Math.abs(estimate.gbSeconds / exact - 1)).toBeLessThan(0.005);
  });
});
