import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/profile/types.js';
import { ArrivalCursor, workerShare } from '../../src/schedule/arrival-cursor.js';
import {
  arrivalSlot,
  formatShard,
  shardShare,
  WHOLE_RUN,
  type ShardSpec,
} from '../../src/schedule/shard-split.js';
import { constant, ramp, wave } from './fixtures.js';

/** Every planned time of worker `w` of `workers` in `shard`. */
function shardTimes(
  phases: Phase[],
  shard: ShardSpec,
  workers: number,
  arrivals: 'uniform' | 'poisson',
): number[] {
  const times: number[] = [];
  for (let w = 0; w < workers; w++) {
    const cursor = new ArrivalCursor(phases, {
      arrivals,
      seed: 5,
      ...arrivalSlot(shard, w, workers),
    });
    for (let t = cursor.next(); t !== Infinity; t = cursor.next()) times.push(t);
  }
  return times;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

const needlepoint: Phase[] = [constant(10_000, 2), ramp(10_000, 2, 1500), constant(5000, 1500)];
const steady: Phase[] = [wave(60_000, 300, 2, 20_000, 0.2)];

describe('shard split', () => {
  for (const arrivals of ['uniform', 'poisson'] as const)
    for (const [name, phases] of [
      ['needlepoint', needlepoint],
      ['wave', steady],
    ] as const)
      it(`${arrivals} ${name}: shards with different worker counts plan exactly the whole run's arrivals`, () => {
        const whole = sorted(shardTimes(phases, WHOLE_RUN, 1, arrivals));
        // Three machines with 1, 3 and 2 workers: every arrival once, none twice.
        const workers = [1, 3, 2];
        const parts = workers.map((w, index) =>
          shardTimes(phases, { index, count: 3 }, w, arrivals),
        );
        expect(parts.reduce((n, p) => n + p.length, 0)).toBe(whole.length);
        expect(sorted(parts.flat())).toEqual(whole);
      });

  it('N one-worker shards are the N workers of one run, worker for worker', () => {
    for (let i = 0; i < 4; i++) {
      const shard = shardTimes(needlepoint, { index: i, count: 4 }, 1, 'uniform');
      const worker = new ArrivalCursor(needlepoint, { workerIndex: i, workerCount: 4 });
      const times: number[] = [];
      for (let t = worker.next(); t !== Infinity; t = worker.next()) times.push(t);
      expect(shard).toEqual(times);
    }
  });

  it('arrivalSlot of the whole run is the worker itself', () => {
    expect(arrivalSlot(WHOLE_RUN, 2, 4)).toEqual({ workerIndex: 2, workerCount: 4 });
    expect(arrivalSlot({ index: 1, count: 3 }, 2, 4)).toEqual({ workerIndex: 7, workerCount: 12 });
  });

  it('shardShare splits a count over every worker of every shard exactly', () => {
    for (const count of [0, 1, 7, 30, 1001]) {
      const workers = [2, 1, 4];
      let total = 0;
      workers.forEach((w, index) => {
        for (let k = 0; k < w; k++) total += shardShare(count, { index, count: 3 }, k, w);
      });
      expect(total).toBe(count);
    }
    expect(shardShare(10, WHOLE_RUN, 1, 3)).toBe(workerShare(10, 1, 3));
  });

  it('formatShard is 1-based, as --shard takes it', () => {
    expect(formatShard({ index: 0, count: 4 })).toBe('1/4');
  });
});
