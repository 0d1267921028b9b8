/**
 * runPlatform: the platform a run's compute was observed on, if any: the target's own, else LMI
 * when a discovered function names a capacity provider or an `lmi.*` series is present, else
 * on-demand when the record has Lambda durations. Pure.
 */
import type { RunRecord } from '../record/run-record.js';

export function runPlatform(record: RunRecord): 'on-demand' | 'lmi' | null {
  if (record.target.platform) return record.target.platform;
  if (record.platform.functions?.some((f) => f.capacityProviderArn)) return 'lmi';
  if (record.platform.series.some((s) => s.name.startsWith('lmi.'))) return 'lmi';
  if (record.platform.series.some((s) => s.name === 'lambda.duration_ms')) return 'on-demand';
  return null;
}
