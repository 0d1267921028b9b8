// Issue 11 items 5 and 10: compare warns of an incomplete record and of records of different profiles.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/analysis/compare-runs.js';
import { renderComparison } from '../../src/report/comparison-report.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

describe('comparison warnings', () => {
  it('records of one profile, both completed: no warning', () => {
    expect(compareRuns(makeRunRecord(), makeRunRecord()).warnings).toEqual([]);
  });
  it('different profiles and an incomplete record are warned of, in every format', () => {
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
    expect(renderComparison(c, { format: 'terminal', color: false })).toContain('warning: run B');
  });
});
