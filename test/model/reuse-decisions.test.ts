import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';

const START_MS = Date.UTC(2026, 0, 1);

/** A small on-demand model that throttles (reserved concurrency 5) and fails 10% of requests. */
function model(reuseDecisions: boolean) {
  const params = parseModelParams(
    {
      platform: 'on-demand',
      errorRate: 0.1,
      onDemand: { reservedConcurrency: { 'notes-read': 5 } },
      routes: { read: { serviceTime: '200ms' } },
    },
    {},
    'test',
  );
  const rng = createRandom(3);
  return createPlatformModel(params, {
    startMs: START_MS,
    random: () => rng.next(),
    reuseDecisions,
  });
}

describe('reuseDecisions', () => {
  it('decides as a model without it, in one object per kind of decision', () => {
    const fresh = model(false);
    const reused = model(true);
    const seen = new Set<object>();
    const kinds = new Set<boolean>();
    for (let i = 0; i < 2_000; i++) {
      const nowMs = START_MS + i * 7;
      const route = i % 3 === 0 ? 'create' : 'read';
      const a = fresh.admit(route, nowMs);
      const b = reused.admit(route, nowMs);
      expect({ ...b }).toEqual(a);
      seen.add(b);
      kinds.add(b.admitted);
    }
    expect(kinds).toEqual(new Set([true, false]));
    expect(seen.size).toBe(2);
    expect(reused.series(true)).toEqual(fresh.series(true));
  });
});
