/**
 * A throttled run's cost figures price the work that was served: the analysis says so in its
 * notes (with the share throttled), and so does every report's cost headline and notes.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { throttledWork } from '../../src/analysis/throttled-work.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { costHeadline } from '../../src/report/cost-summary.js';
import { costLines } from '../../src/report/cost-table.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];
const assumptions = { instanceType: 'm7g.xlarge' };

/** The fixture (1,000 sent, 30 answered 429) with lambda.throttles summing to `platform`. */
function record(platform: number | null, http = 30): RunRecord {
  const base = makeRunRecord({ withLmi: true });
  const series = base.platform.series.map((s) =>
    s.name === 'lambda.throttles' && platform !== null
      ? { ...s, points: [[s.points[0][0], platform] as [number, number]] }
      : s,
  );
  return {
    ...base,
    totals: { ...base.totals, throttled: http },
    platform: { ...base.platform, series },
  };
}

describe('throttledWork', () => {
  it.each([
    ['HTTP 429 only', record(0), { throttled: 30, share: 0.03, source: 'HTTP 429' }],
    // behind a REST API a Lambda throttle is a 500: the platform counted more
    [
      'lambda.throttles above the 429s',
      record(213),
      { throttled: 213, share: 0.213, source: 'lambda.throttles' },
    ],
  ])('%s', (_, r, expected) => {
    expect(throttledWork(r)).toMatchObject({ sent: 1000, ...expected });
  });
  it('null when nothing was throttled', () => {
    expect(throttledWork(record(0, 0))).toBeNull();
  });
});

describe('the cost note of a throttled run', () => {
  const r = record(213);
  r.cost = analyzeCost(r, prices, { assumptions });
  const note =
    'Throttled: 213 of 1,000 requests (21.3%, lambda.throttles). Every scenario is priced and sized on the work ' +
    'that was served (970 billed requests), the what-ifs (on-demand Lambda, provisioned concurrency, LMI, fleets) ' +
    'as much as the platform observed, so these figures understate the cost of serving all of the traffic.';

  it('is the first cost note', () => {
    expect(r.cost!.notes![0]).toBe(note);
  });
  it('is printed under the cost table of every report', () => {
    expect(costLines(r)).toContain(note);
    expect(renderMarkdown(r)).toContain(note);
    expect(renderHtml(r, { js: '', css: '' })).toContain(note);
  });
  it('the headline says the figures price the served work', () => {
    expect(costHeadline(r)).toMatch(
      /Served work only: 21\.3% of requests were throttled, so every figure understates the cost of serving all of them\.$/,
    );
  });
  it('an unthrottled run has neither', () => {
    const clean = record(0, 0);
    clean.cost = analyzeCost(clean, prices, { assumptions });
    expect(clean.cost.notes!.some((n) => n.startsWith('Throttled'))).toBe(false);
    expect(costHeadline(clean)).not.toMatch(/Served work only/);
  });
});
