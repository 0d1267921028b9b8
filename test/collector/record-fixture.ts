/**
 * Test helpers for the collector: a small valid run record (validated against the real schema)
 * and an in-process CliContext with captured output.
 */
import type { CliContext } from '../../src/cli/cli-context.js';
import { fakeCliContext } from '../helpers/fake-cli-context.js';
import {
  runRecordSchema,
  type RunRecord,
  type TimelineEntry,
  type Totals,
} from '../../src/record/run-record.js';

function totals(): Totals {
  return {
    planned: 0,
    sent: 0,
    completed: 0,
    ok: 0,
    throttled: 0,
    errors: 0,
    dropped: 0,
    byStatus: {},
    byError: {},
    bytesReceived: 0,
    bytesSent: 0,
  };
}

/** One timeline second with the given status counts. */
export function second(n: number, byStatus: Record<string, number>): TimelineEntry {
  const sent = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const ok = Object.entries(byStatus)
    .filter(([c]) => c.startsWith('2'))
    .reduce((a, [, v]) => a + v, 0);
  const errors = Object.entries(byStatus)
    .filter(([c]) => c.startsWith('5'))
    .reduce((a, [, v]) => a + v, 0);
  return {
    second: n,
    planned: sent,
    sent,
    completed: sent,
    ok,
    throttled: byStatus['429'] ?? 0,
    errors,
    dropped: 0,
    byStatus,
    byError: {},
    latencyMs: null,
    latenessP99Ms: null,
  };
}

/** A completed run record starting at `startedAtMs`; `overrides` replace top-level keys. */
export function makeRecord(
  startedAtMs: number,
  durationSec: number,
  overrides: Partial<RunRecord> = {},
): RunRecord {
  const record: RunRecord = {
    schemaVersion: 1,
    runId: 'test-run',
    toolVersion: '0.0.0-test',
    kind: 'run',
    status: 'completed',
    profile: { name: 'test', aws: { functions: { getNote: 'notes-get' } } },
    target: { url: 'https://api.example.test', kind: 'external' },
    startedAt: new Date(startedAtMs).toISOString(),
    endedAt: new Date(startedAtMs + durationSec * 1000).toISOString(),
    environment: {
      args: [],
      seed: 1,
      nodeVersion: 'v20',
      cores: 2,
      workers: 1,
      generatorCpuShare: null,
      timeScale: 1,
      rateScale: 1,
    },
    totals: totals(),
    latencyMs: { overall: null, byRequest: {}, encodedHistogram: null },
    latenessMs: null,
    byRequest: {},
    phases: [],
    timeline: [],
    platform: { series: [] },
    cost: null,
    gates: [],
    warnings: [],
    ...overrides,
  };
  return runRecordSchema.parse(record);
}

/** A CliContext for in-process command tests; read `out()`/`err()` after the command. */
export function fakeContext(
  env: Record<string, string | undefined>,
): CliContext & { out(): string; err(): string } {
  const fake = fakeCliContext({ env, cwd: process.cwd() });
  return { ...fake.ctx, out: () => fake.out(), err: () => fake.err() };
}
