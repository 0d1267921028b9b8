import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { segmentsOf } from '../../src/model/durable-workflow.js';

const T0 = 1_700_000_000_000;

function model(durable: Record<string, unknown>) {
  const params = parseModelParams({ onDemand: { coldStart: '100ms' }, durable });
  return createPlatformModel(params, { startMs: T0, random: () => 0.5 });
}

describe('durable workflow model', () => {
  it('groups work steps between waits into invocations (replays)', () => {
    const segs = segmentsOf([
      { kind: 'work', cpuMs: 20, serviceMs: 0 },
      { kind: 'wait', waitMs: 30_000 },
      { kind: 'work', cpuMs: 50, serviceMs: 200 },
      { kind: 'work', cpuMs: 10, serviceMs: 0 },
    ]);
    expect(segs).toEqual([
      { cpuMs: 20, durationMs: 20, steps: 1, waitAfterMs: 30_000, waitsAfter: 1 },
      { cpuMs: 60, durationMs: 260, steps: 2, waitAfterMs: 0, waitsAfter: 0 },
    ]);
  });

  it('runs an execution through its steps: one invocation per segment, idempotent by name', () => {
    const m = model({
      orders: { steps: [{ cpu: '20ms' }, { wait: '2s' }, { cpu: '50ms', service: '200ms' }] },
    });
    const a = m.startDurable('orders', 'o-1', 100, T0);
    expect(a.kind).toBe('started');
    const again = m.startDurable('orders', 'o-1', 100, T0 + 10);
    expect(again.kind).toBe('existing');
    if (a.kind === 'unknown-function' || again.kind === 'unknown-function') throw new Error('no');
    expect(again.execution.arn).toBe(a.execution.arn);
    // cold start 100 + 20 ms, wait 2 s, then (warm) 250 ms: ends at 2,370 ms.
    expect(m.durableExecution(a.execution.arn, T0 + 2369)?.status).toBe('RUNNING');
    const done = m.durableExecution(a.execution.arn, T0 + 2371);
    expect(done?.status).toBe('SUCCEEDED');
    expect(done?.endMs).toBe(T0 + 2370);
    m.advance(T0 + 5000);
    const series = Object.fromEntries(
      m.series().map((s) => [s.name, s.points.reduce((t, [, v]) => t + v, 0)]),
    );
    expect(series['lambda.invocations']).toBe(2);
    expect(series['lambda.durable_executions_started']).toBe(1);
    expect(series['lambda.durable_executions_succeeded']).toBe(1);
    expect(series['lambda.durable_operations']).toBe(3);
    expect(series['lambda.durable_storage_written_bytes']).toBe(100 + 2 * 1024);
    expect(m.startDurable('nope', 'x', 0, T0 + 5000).kind).toBe('unknown-function');
  });

  it('ends FAILED with failRate 1 and TIMED_OUT past executionTimeout', () => {
    const m = model({
      bad: { steps: [{ cpu: '10ms' }], failRate: 1 },
      slow: { steps: [{ cpu: '10ms' }, { wait: '10s' }, { cpu: '10ms' }], executionTimeout: '5s' },
    });
    const bad = m.startDurable('bad', 'b', 0, T0);
    const slow = m.startDurable('slow', 's', 0, T0);
    if (bad.kind === 'unknown-function' || slow.kind === 'unknown-function') throw new Error('no');
    expect(m.durableExecution(bad.execution.arn, T0 + 1000)?.status).toBe('FAILED');
    const s = m.durableExecution(slow.execution.arn, T0 + 6000);
    expect(s?.status).toBe('TIMED_OUT');
    expect(s?.endMs).toBe(T0 + 5000);
    expect(m.durableExecutions('slow', T0 + 6000)?.length).toBe(1);
  });

  it('rejects a step without cpu, service or wait, with its path', () => {
    let issues: Array<{ path: string }> = [];
    try {
      parseModelParams({ durable: { f: { steps: [{}] } } });
    } catch (error) {
      issues = (error as { issues: Array<{ path: string }> }).issues;
    }
    expect(issues.map((i) => i.path)).toEqual(['model.durable.f.steps[0]']);
  });
});
