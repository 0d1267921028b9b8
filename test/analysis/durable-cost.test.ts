/**
 * Durable-function charges are priced on the Lambda scenarios only. The LMI and fleet scenarios
 * say they leave them out, the cost notes say the totals are not on the same footing, and the
 * reports choose the cheapest scenario without them (saying so), instead of calling a fleet
 * cheapest because only the Lambda scenarios carry $8 of durable operations.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { durableFooting } from '../../src/analysis/durable-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import type { PlatformSeries, RunRecord } from '../../src/record/run-record.js';
import { costHeadline, costScenarioView } from '../../src/report/cost-summary.js';
import { renderHtml } from '../../src/report/html-report.js';
import { functionSeries } from './fixtures/function-series.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];

/** 200 invocations of 50 ms, and (with `durable`) 1,000,000 durable operations: $8.00. */
function record(durable: boolean): RunRecord {
  const series: PlatformSeries[] = functionSeries('orders', [100, 100], [50, 50]);
  if (durable) {
    const ops = functionSeries('orders', [1_000_000, 0], [0, 0])[0];
    series.push({ ...ops, name: 'lambda.durable_operations' });
    series.push({ ...ops, name: 'lambda.durable_storage_written_bytes', points: [] });
  }
  const r = makeRunRecord({ platform: { series } });
  r.cost = analyzeCost(r, prices);
  return r;
}

describe('durable charges on the Lambda scenarios only', () => {
  const r = record(true);
  const cost = r.cost!;
  const named = (prefix: string) => cost.scenarios.find((s) => s.name.startsWith(prefix))!;

  it('the Lambda scenarios carry them, LMI and the fleet do not', () => {
    expect(named('lambda on-demand').breakdown.durableOperationsUsd).toBeCloseTo(8, 12);
    expect(named('lmi').breakdown.durableOperationsUsd).toBeUndefined();
    expect(durableFooting(cost.scenarios)).toEqual({ usd: 8 });
  });

  it('the LMI and fleet notes say so', () => {
    expect(named('lmi').note).toMatch(
      /; durable-function charges not included \(\$8 on the Lambda scenarios\): AWS does not document whether durable functions run on LMI$/,
    );
    expect(named('fixed fleet').note).toMatch(
      /; durable-function charges not included \(\$8 on the Lambda scenarios\): a fleet has no durable execution; its own state store is not priced$/,
    );
  });

  it('a cost note says the totals are not on the same footing', () => {
    expect(cost.notes).toContain(
      'Durable functions: $8 for this run (1,000,000 durable operations, 0 bytes written and retained), priced on the Lambda scenarios only. ' +
        'The LMI and fleet figures leave them out (AWS does not document whether durable functions run on LMI; a fleet has no durable execution, and the state store it would need is not priced), ' +
        'so their totals are not on the same footing as the Lambda ones.',
    );
  });

  it('the fleet is cheaper only with the durable charges in: the cheapest is chosen without them', () => {
    const fleet = named('fixed fleet');
    const onDemand = named('lambda on-demand');
    expect(fleet.totalUsd).toBeLessThan(onDemand.totalUsd);
    expect(onDemand.totalUsd - 8).toBeLessThan(fleet.totalUsd);
    const views = costScenarioView(r);
    expect(views.filter((v) => v.cheapest).map((v) => v.name)).toEqual(['lambda on-demand']);
    expect(views[0].withoutDurable).not.toBeNull();
    expect(views.find((v) => v.name === 'lmi')!.withoutDurable).toBeNull();
  });

  it('the headline and the HTML cards say the comparison leaves durable charges out', () => {
    const headline = costHeadline(r)!;
    expect(headline).toMatch(/^Cost: cheapest lambda on-demand, /);
    expect(headline).toContain(
      'Compared without the durable-function charges ($8.00 for this run), which only the Lambda scenarios carry: the LMI and fleet figures leave them out.',
    );
    const html = renderHtml(r, { js: '', css: '' });
    expect(html).toContain('<span class="tag">cheapest without durable charges</span>');
    expect(html).toMatch(/<div class="durable">\$[\d.]+ without durable-function charges<\/div>/);
  });

  it('a run without durable charges reads as before', () => {
    const plain = record(false);
    expect(durableFooting(plain.cost!.scenarios)).toBeNull();
    expect(costHeadline(plain)).not.toMatch(/durable/);
    expect(plain.cost!.scenarios.every((s) => !/durable/.test(s.note ?? ''))).toBe(true);
  });
});
