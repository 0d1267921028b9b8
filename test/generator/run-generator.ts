/** Runs the real Coordinator (worker threads) against a target and builds the run record. */
import { Coordinator } from '../../src/generator/coordinator.js';
import { buildRunRecord } from '../../src/recorder/build-run-record.js';
import type { Profile } from '../../src/profile/types.js';
import type { RunRecord, TimelineEntry } from '../../src/recorder/run-record.js';

export async function runGenerator(
  profile: Profile,
  targetUrl: string,
  options: { workers?: number; timeoutMs?: number; stopAfterMs?: number; graceMs?: number } = {},
): Promise<{ record: RunRecord; warnings: string[]; streamed: TimelineEntry[] }> {
  const warnings: string[] = [];
  const streamed: TimelineEntry[] = [];
  const coordinator = new Coordinator(
    {
      profile,
      phases: profile.load.phases,
      targetUrl,
      workers: options.workers ?? 2,
      maxInFlight: profile.load.maxInFlight,
      timeoutMs: options.timeoutMs ?? 10_000,
      seed: 1,
      env: {},
    },
    { onEntry: (e) => streamed.push(e), onLive: () => {}, onWarning: (m) => warnings.push(m) },
  );
  if (options.stopAfterMs !== undefined) {
    setTimeout(() => coordinator.stop(options.graceMs ?? 1000), options.stopAfterMs);
  }
  const result = await coordinator.run();
  let t = 0;
  const record = buildRunRecord({
    meta: {
      runId: 'test',
      toolVersion: '0.0.0',
      kind: 'run',
      status: 'completed',
      profile: {},
      target: { url: targetUrl, kind: 'external' },
      startedAt: new Date(result.startEpochMs).toISOString(),
      endedAt: new Date(result.endEpochMs).toISOString(),
      environment: {
        args: [],
        seed: 1,
        nodeVersion: process.version,
        cores: 2,
        workers: options.workers ?? 2,
        generatorCpuShare: null,
        timeScale: 1,
        rateScale: 1,
      },
      platform: { series: [] },
      cost: null,
      gates: [],
      warnings,
    },
    requestNames: profile.requests.map((r) => r.name),
    phases: profile.load.phases.map((p) => {
      const row = { kind: p.kind, startMs: t, durationMs: p.durationMs };
      t += p.durationMs;
      return row;
    }),
    timeline: result.timeline,
    workers: result.workers,
  });
  return { record, warnings, streamed };
}
