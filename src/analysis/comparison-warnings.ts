/**
 * comparisonWarnings: why a comparison of two records may mislead, one sentence each: a record
 * that did not complete (`incomplete`, `aborted`, `failed`, `running`); records of different
 * profiles (by name), whose deltas compare different traffic. Pure.
 */
import type { RunRecord } from '../record/run-record.js';

export function comparisonWarnings(a: RunRecord, b: RunRecord): string[] {
  const warnings: string[] = [];
  for (const [side, r] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (r.status !== 'completed')
      warnings.push(
        `run ${side} (${r.runId}) is ${r.status}${r.statusReason ? `: ${r.statusReason}` : ''}; its numbers cover only part of the profile`,
      );
  }
  const name = (r: RunRecord) => (typeof r.profile.name === 'string' ? r.profile.name : '?');
  if (name(a) !== name(b))
    warnings.push(
      `the runs are of different profiles (A: ${name(a)}, B: ${name(b)}); the deltas compare different traffic`,
    );
  return warnings;
}
