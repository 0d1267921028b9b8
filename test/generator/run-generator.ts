/** Runs the real Coordinator (worker threads) against a target and builds the run record. */
import { Coordinator } from '../../src/generator/coordinator.js';
import { recordLabels } from '../../src/cli/record-labels.js';
import { phaseSpans } from '../../src/schedule/phase-timeline.js';
import { buildRunRecord, placeholderMetadata } from '../../src/record/build-run-record.js';
import type { Profile } from '../../src/profile/types.js';
import type { RunRecord, TimelineEntry } from '../../src/record/run-record.js';
import type { CredentialSource } from '../../src/generator/credential-feed.js';
import type { TransportSettings } from '../../src/generator/transport-settings.js';

export async function runGenerator(
  profile: Profile,
  targetUrl: string,
  options: {
    workers?: number;
    timeoutMs?: number;
    stopAfterMs?: number;
    graceMs?: number;
    transportSettings?: TransportSettings;
    credentials?: CredentialSource;
  } = {},
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
      transportSettings: options.transportSettings,
      credentials: options.credentials,
    },
    { onEntry: (e) => streamed.push(e), onLive: () => {}, onWarning: (m) => warnings.push(m) },
  );
  if (options.stopAfterMs !== undefined) {
    setTimeout(() => coordinator.stop(options.graceMs ?? 1000), options.stopAfterMs);
  }
  const result = await coordinator.run();
  const record = buildRunRecord({
    meta: placeholderMetadata({
      runId: 'test',
      toolVersion: '0.0.0',
      status: 'completed',
      target: { url: targetUrl, kind: 'external' },
      startedAt: new Date(result.startEpochMs).toISOString(),
      endedAt: new Date(result.endEpochMs).toISOString(),
      warnings,
    }),
    requestNames: profile.requests.map((r) => r.name),
    ...recordLabels(profile),
    phases: phaseSpans(profile.load.phases),
    timeline: result.timeline,
    workers: result.workers,
  });
  return { record, warnings, streamed };
}
