// Issue 11 items 5 and 10: compare warns of an incomplete record and of records of different profiles.
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { compareRuns } from '../../src/analysis/compare-runs.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import type { PriceTable } from '../../src/pricing/price-table.js';
import { renderComparison } from '../../src/report/comparison-report.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

describe('comparison warnings', () => {
  it('records of one profile, both completed: no warning', () => {
    expect(compareRuns(makeRunRecord(), makeRunRecord()).warnings).toEqual([]);
  });
  it('different profiles and an incomplete record are warned of, in the record and the Markdown', () => {
    const a = makeRunRecord({ profile: { name: 'needlepoint' } });
    const b = makeRunRecord({
      profile: { name: 'steady-state' },
      status: 'incomplete',
      statusReason: 'killed',
    });
    const c = compareRuns(a, b);
    expect(c.warnings).toEqual([
      'run B (fixture-run) is incomplete: killed; its numbers cover only part of the profile',
      'the runs are of different profiles (A: needlepoint, B: steady-state); the deltas compare different traffic',
    ]);
    expect(renderComparison(c, { format: 'md' })).toContain(
      '- warning: the runs are of different profiles',
    );
    // The terminal table leaves them to stderr (compare-command.ts prints them there).
    expect(renderComparison(c, { format: 'terminal', color: false })).not.toContain('warning');
  });
});

describe('comparison warnings on pricing', () => {
  const prices = builtinPrices['us-east-1'];
  const priced = (options: Parameters<typeof analyzeCost>[2], mutate?: (p: PriceTable) => void) => {
    const r = makeRunRecord({ withLmi: true });
    const table = structuredClone(prices);
    mutate?.(table);
    r.cost = analyzeCost(r, table, options);
    return r;
  };

  it('identically priced runs: no warning', () => {
    expect(compareRuns(priced({}), priced({})).warnings).toEqual([]);
  });

  // A cost regression gate failed on identical traffic priced two ways, with nothing said.
  it('each pricing difference is warned of, in the record and the Markdown', () => {
    const a = priced({});
    const b = priced(
      {
        savingsPlanEc2: 0.3,
        frontDoor: 'http-api',
        freeTier: true,
        assumptions: { architecture: 'arm64', instanceType: 'm7g.xlarge' },
      },
      (p) => (p.date = '2026-12-01'),
    );
    const c = compareRuns(a, b);
    const tail = '; cost deltas reflect the pricing, not only the traffic';
    expect(c.warnings).toEqual([
      `the runs were priced with different price tables (A: ${prices.date} us-east-1, ${prices.source}; B: 2026-12-01 us-east-1, ${prices.source})${tail}`,
      `the runs were priced with different Savings Plans (A: EC2 0%, Lambda 0%; B: EC2 30%, Lambda 0%)${tail}`,
      `the runs were priced with different front doors (A: none; B: http-api)${tail}`,
      `the runs were priced with different free tier settings (A: not applied; B: applied)${tail}`,
      `the runs were priced with different Lambda architectures (A: x86_64; B: arm64)${tail}`,
      `the runs were priced with different instance types (A: x86_64 (m7i.xlarge); B: arm64 (m7g.xlarge))${tail}`,
    ]);
    expect(renderComparison(c, { format: 'md' })).toContain(
      '- warning: the runs were priced with different Savings Plans',
    );
    expect(renderComparison(c, { format: 'terminal', color: false })).not.toContain('warning');
  });
});
