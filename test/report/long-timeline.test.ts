// Issue 11 item 4: `report --format md` of a 150,000-second timeline overflowed the stack
// (Math.max over a spread of the whole series). Every renderer and aggregate takes it.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/analysis/compare-runs.js';
import { evaluateGates } from '../../src/analysis/evaluate-gates.js';
import { parseGateExpression } from '../../src/profile/gate-expression.js';
import type { RunRecord, TimelineEntry } from '../../src/record/run-record.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import { makeRunRecord } from '../analysis/fixtures/make-run-record.js';

const SECONDS = 150_000;

function longRecord(): RunRecord {
  const record = makeRunRecord({ withLmi: true });
  const timeline: TimelineEntry[] = Array.from({ length: SECONDS }, (_, second) => ({
    second,
    planned: 10,
    sent: 10,
    completed: 10,
    ok: 10,
    throttled: 0,
    errors: 0,
    dropped: 0,
    byStatus: { '200': 10 },
    byError: {},
    latencyMs: { count: 10, p50: 5, p90: 8, p99: 9 + (second % 7), p999: 20, max: 21, mean: 6 },
    latenessP99Ms: 1,
  }));
  record.timeline = timeline;
  record.endedAt = new Date(Date.parse(record.startedAt) + SECONDS * 1000).toISOString();
  for (const s of record.platform.series)
    s.points = Array.from({ length: SECONDS }, (_, i) => [
      Date.parse(record.startedAt) + i * 1000,
      i % 5,
    ]);
  return record;
}

describe('a 150,000-second timeline', () => {
  const record = longRecord();
  it('renders in every format without overflowing the stack', () => {
    expect(renderMarkdown(record)).toContain('# flashcrowd');
    expect(renderTerminalSummary(record, { color: false, width: 100 })).toContain('flashcrowd');
    expect(renderHtml(record, { js: '', css: '' })).toContain('<html');
  });
  it('aggregates series and compares without overflowing the stack', () => {
    const gates = evaluateGates(
      ['lmi.instances.max < 100', 'lmi.cpu_utilization.min >= 0', 'http.rps.max > 1'].map((g) =>
        parseGateExpression(g),
      ),
      record,
    );
    expect(gates.map((g) => g.verdict)).not.toContain('unknown');
    expect(
      compareRuns(record, record, [{ key: 'p99', limit: 0.1, mode: 'relative', text: 'p99=10%' }])
        .regressions[0].verdict,
    ).toBe('pass');
  });
});
