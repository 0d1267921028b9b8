/**
 * documentSizeIssues: the counts a profile document may not exceed (limits.ts), judged on the
 * raw document before the schema reads it entry by entry. Pure.
 */
import type { Issue } from '../errors.js';
import { LIMITS } from './limits.js';

export function documentSizeIssues(document: Record<string, unknown>): Issue[] {
  const load = document.load as { phases?: unknown } | null | undefined;
  const checks: Array<[path: string, value: unknown, limit: number]> = [
    ['requests', document.requests, LIMITS.requests],
    ['load.phases', load?.phases, LIMITS.phases],
  ];
  return checks.flatMap(([path, value, limit]) =>
    Array.isArray(value) && value.length > limit
      ? [
          {
            path,
            message: `has ${value.length} entries; flashcrowd accepts at most ${limit}`,
            hint: 'see README, "Reliability", for the limits',
          },
        ]
      : [],
  );
}
