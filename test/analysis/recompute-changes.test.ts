import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { recomputeChanges } from '../../src/analysis/recompute-changes.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

describe('recomputeChanges', () => {
  const prices = builtinPrices['us-east-1'];
  const withoutSeries = makeRunRecord();
  const withSeries = makeRunRecord({ withLmi: true });
  const before = { cost: analyzeCost(withoutSeries, prices), gates: [] };
  const after = { cost: analyzeCost(withSeries, prices), gates: [] };

  it('says nothing changed when nothing did', () => {
    expect(recomputeChanges(before, before)).toEqual([]);
  });
  it('names each moved figure, old and new, and the label change', () => {
    const changes = recomputeChanges(before, after);
    // 36 vCPU-s observed on LMI replace the client-side upper bound of 48.5 s × 1024/1769
    expect(changes).toContain(
      `work vcpuSeconds: ${Number((48.5 * (1024 / 1769)).toPrecision(6))} -> 36`,
    );
    expect(changes.find((c) => c.startsWith('cost lmi:'))).toMatch(
      /\(upper bound\) -> .* \(observed\)$/,
    );
  });
  it('reports gate verdict changes', () => {
    const g = (verdict: 'pass' | 'fail' | 'unknown', observed: number | null) => ({
      expr: 'lambda.throttles == 0',
      verdict,
      observed,
      threshold: 0,
    });
    expect(
      recomputeChanges(
        { cost: null, gates: [g('unknown', null)] },
        { cost: null, gates: [g('fail', 3)] },
      ),
    ).toEqual(['gate lambda.throttles == 0: unknown (not collected) -> fail (3)']);
  });
});
