/**
 * abortGateCheck against ABORTABLE_METRICS: every metric the profile lets abortOnFail name can
 * fail on the partial record of a run in progress, and the gates the profile refuses could not
 * (they would be unknown there, so an abortOnFail on them would never stop anything).
 */
import { describe, expect, it } from 'vitest';
import { abortGateCheck } from '../../src/cli/run/abort-gate-check.js';
import { KNOWN_GATE_METRICS, parseGateExpression } from '../../src/profile/gate-expression.js';
import { ABORTABLE_METRICS } from '../../src/profile/rules.js';
import type { LatencySummary, TimelineEntry } from '../../src/record/run-record.js';

const latency: LatencySummary = { count: 10, p50: 5, p90: 8, p99: 9, p999: 10, max: 12, mean: 6 };

function second(n: number): TimelineEntry {
  return {
    second: n,
    planned: 10,
    sent: 10,
    completed: 10,
    ok: 7,
    throttled: 1,
    errors: 2,
    dropped: 1,
    byStatus: { '200': 7, '429': 1, '500': 2 },
    byError: {},
    latencyMs: latency,
    latenessP99Ms: 1,
  };
}

const timeline = [second(0), second(1), second(2)];

/** A gate no observed value passes (every metric here is >= 0). */
function failingGate(metric: string, labels = '', aggregate = '') {
  const code = metric === 'http.status' || metric === 'http.status_rate' ? 'code=2xx' : '';
  const text = [code, labels].filter((l) => l !== '').join(',');
  return parseGateExpression(`${metric}${aggregate}${text === '' ? '' : `{${text}}`} < -1`);
}

function aborts(gate: ReturnType<typeof failingGate>): boolean {
  const check = abortGateCheck([{ ...gate, abortOnFail: true }], ['a']);
  return check?.failed(timeline, () => latency) != null;
}

describe('abortOnFail on the run so far', () => {
  it.each([...ABORTABLE_METRICS])('%s can fail during the run, also as an aggregate', (metric) => {
    expect(aborts(failingGate(metric))).toBe(true);
    expect(aborts(failingGate(metric, '', '.max'))).toBe(true);
  });
  // Counted only at the end of the run (checks, aborts, captures): observable but always 0 before.
  const COUNTED_AT_THE_END = [
    'http.aborted',
    'http.aborted_rate',
    'checks.failure_rate',
    'captures.unfilled',
  ];
  it('no other metric can, nor a request label', () => {
    const others = KNOWN_GATE_METRICS.filter(
      (m) => !ABORTABLE_METRICS.has(m) && !COUNTED_AT_THE_END.includes(m),
    );
    expect(others.length).toBeGreaterThan(10);
    for (const metric of others) expect(aborts(failingGate(metric)), metric).toBe(false);
    expect(aborts(failingGate('http.p99', 'request=a'))).toBe(false);
    expect(aborts(failingGate('http.error_rate', 'request=a'))).toBe(false);
  });
});
