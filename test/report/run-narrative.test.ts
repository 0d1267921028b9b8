import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/report/format-values.js';
import { runNarrative } from '../../src/report/run-narrative.js';
import { makeRunRecord } from '../analysis/fixtures/make-run-record.js';

/** 100,000 sent: 96,510 ok, 1 throttled, 0 errors, 2,990 × 409 and 499 × 404. */
function conflicted() {
  const record = makeRunRecord();
  const byStatus = { '200': 96_510, '409': 2990, '404': 499, '429': 1 };
  record.totals = {
    ...record.totals,
    planned: 100_000,
    sent: 100_000,
    completed: 100_000,
    ok: 96_510,
    throttled: 1,
    errors: 0,
    byStatus,
  };
  return record;
}

describe('runNarrative', () => {
  it('accounts for every request: other 4xx by their most common status, tiny shares as <0.01%', () => {
    const [, outcome] = runNarrative(conflicted());
    expect(outcome).toBe(
      '96,510 succeeded (96.51%), 1 were throttled with HTTP 429 (<0.01%), 0 failed with 5xx or a ' +
        'transport error (0%), 3,489 got another 4xx (3.49%, mostly HTTP 409).',
    );
  });

  it('says "all" when one other 4xx status covers them and leaves the clause out when none', () => {
    const record = conflicted();
    record.totals.byStatus = { '200': 96_510, '409': 3489, '429': 1 };
    expect(runNarrative(record)[1]).toContain('3,489 got another 4xx (3.49%, all HTTP 409)');
    expect(runNarrative(makeRunRecord())[1]).not.toContain('4xx');
  });

  it('does not present the planned-before-stop count as the profile total after an abort', () => {
    expect(runNarrative(makeRunRecord())[0]).toContain('the profile asked for 1,000,');
    const aborted = makeRunRecord({ status: 'aborted', statusReason: 'gate failed' });
    const [first] = runNarrative(aborted);
    expect(first).toContain('1,000 were planned before the run stopped, peaking at 100 req/s.');
    expect(first).not.toContain('the profile asked for');
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [0.00004, '<0.01%'],
    [0.0001, '0.01%'],
    [0.0349, '3.49%'],
    [0.99996, '>99.99%'],
    [1, '100%'],
    [null, '-'],
  ])('%s -> %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });
});

describe('runNarrative: why throttles', () => {
  const why = (record: ReturnType<typeof makeRunRecord>) =>
    (runNarrative(record).find((line) => line.includes('Why throttles')) ?? '').replace(
      / First 429 at second \d+\.$/,
      '',
    );
  function throttled(target: ReturnType<typeof makeRunRecord>['target']) {
    const record = conflicted();
    record.target = target;
    return record;
  }

  it("quotes the model's own limits, as the run set them (--account-concurrency 100)", () => {
    const record = throttled({
      url: 'simulated://notes-api',
      kind: 'simulated',
      platform: 'on-demand',
    });
    record.platform.model = {
      'onDemand.accountConcurrency': { value: 100, source: 'flag' },
      'onDemand.newEnvironmentsPer10s': { value: 1000, source: 'doc' },
      'onDemand.reservedConcurrency': { value: { 'notes-read': 20 }, source: 'flag' },
    };
    expect(why(record)).toBe(
      "Why throttles: in the model, on-demand Lambda adds at most 1,000 execution environments per function every 10 s and stops at the account's concurrency limit of 100, and reserved concurrency caps notes-read at 20; requests beyond these get 429.",
    );
  });

  it('does not blame Lambda for a real target it has no series of', () => {
    const record = throttled({ url: 'http://127.0.0.1:1/', kind: 'external' });
    record.platform.series = [];
    expect(why(record)).toBe(
      'Why throttles: the target answered 429; no Lambda series were collected, so this run cannot tell where the limit is.',
    );
  });

  it('says which 429s Lambda did not count, for a real target with its series', () => {
    const record = throttled({ url: 'https://api.example/', kind: 'external' });
    record.totals.throttled = 30;
    record.platform.series = [
      {
        name: 'lambda.throttles',
        labels: { function: 'notes' },
        source: 'aws',
        periodSec: 60,
        stat: 'Sum',
        unit: 'Count',
        points: [[0, 12]],
      },
    ];
    expect(why(record)).toContain('18 of the 429s are more than Lambda counted');
  });
});
