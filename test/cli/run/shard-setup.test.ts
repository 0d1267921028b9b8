/**
 * resolveRunSetup with `--shard I/N`: the checks made before anything is sent judge what this
 * shard's host sends (its 1/N of the arrivals) and the share of the shared budgets it gets.
 * In-process: nothing is sent, no folder is written.
 */
import { describe, expect, it } from 'vitest';
import { resolveRunSetup } from '../../../src/cli/run/run-setup.js';
import type { RunOptions } from '../../../src/cli/run/run-options.js';
import { fakeCliContext } from '../../helpers/fake-cli-context.js';
import { writeProfile } from '../../helpers/run-profile.js';

const TARGET = 'http://127.0.0.1:9';

function options(flags: Partial<RunOptions>): RunOptions {
  return {
    timeScale: 1,
    rateScale: 1,
    timeout: 10_000,
    collect: 'auto',
    function: {},
    gate: [],
    fleet: [],
    reports: false,
    target: TARGET,
    startAt: Date.now() + 60_000,
    ...flags,
  } as RunOptions;
}

function setup(yaml: string, flags: Partial<RunOptions>) {
  return resolveRunSetup(writeProfile(yaml), options(flags), fakeCliContext().ctx, () => undefined);
}

// 300,000 req/s: beyond one one-worker host (100,000), within each host of a 4-way split.
const BIG = `
name: big
load: { phases: [ { duration: 2s, rate: 300000 } ] }
requests: [ { name: get, path: /x } ]
`;

describe('resolveRunSetup --shard: the plan ceiling is on the shard share', () => {
  it('accepts a shard whose share its workers can send, although the whole test is beyond them', () => {
    expect(() => setup(BIG, { workers: 1, startAt: undefined })).toThrow(
      '1 worker on one host can send at most about 100,000 req/s',
    );
    expect(setup(BIG, { workers: 1, shard: { index: 3, count: 4 } }).workers).toBe(1);
  });

  it("refuses a shard whose share is still beyond its workers, with the share's numbers", () => {
    expect(() => setup(BIG, { workers: 1, shard: { index: 0, count: 2 } })).toThrow(
      "shard 1/2's share of the plan asks for a peak of 150,000 req/s, 300,000 requests in all; " +
        '1 worker on one host can send at most about 100,000 req/s',
    );
  });
});

// Status polls: 30 a second over every worker of every shard (the account's limit).
const DURABLE = `
name: durable
load: { phases: [ { duration: 2s, rate: 20 } ] }
requests:
  - name: placeOrder
    durable: { function: order-workflow, name: 'order-{{uuid}}', payload: {}, poll: { every: 1s } }
`;

describe('resolveRunSetup --shard: durable status polls', () => {
  it('refuses a shard whose workers would get no poll share (exit 2 before anything is sent)', () => {
    expect(() => setup(DURABLE, { workers: 1, shard: { index: 30, count: 40 } })).toThrow(
      "--shard 31/40 --workers 1: durable status polls are shared out at most 30 a second over the workers of all shards, one share a worker, and this shard's share is 0 a second; split the test into at most 30 shards",
    );
    expect(() => setup(DURABLE, { workers: 4, shard: { index: 0, count: 16 } })).toThrow(
      "this shard's share is 2 a second; give this shard at most 2 workers",
    );
  });

  it('accepts shards whose every worker gets a share', () => {
    expect(setup(DURABLE, { workers: 4, shard: { index: 1, count: 2 } }).workers).toBe(4);
    expect(setup(DURABLE, { workers: 1, shard: { index: 29, count: 30 } }).workers).toBe(1);
  });
});
