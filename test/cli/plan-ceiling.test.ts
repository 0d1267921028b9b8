// Issue 11 item 2: a sanity bound on the plan. `plan` accepted 3 x 10^12 requests and priced
// them at $4.6 million without a word; now plan, run and simulate refuse with the numbers (exit 2)
// unless --force. Runs the built CLI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const HUGE = `
name: huge
load: { phases: [ { duration: 1000s, rate: 3000000000 } ] }
requests: [ { name: get, path: /x } ]
`;

describe('plan ceiling', () => {
  it('plan refuses 3 x 10^12 requests with the numbers, and --force accepts them', async () => {
    const profile = writeProfile(HUGE);
    const refused = await runCli(['plan', profile, '--workers', '4']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'the plan asks for a peak of 3,000,000,000 req/s, 3,000,000,000,000 requests in all; ' +
        '4 workers on one host can send at most about 400,000 req/s (100,000 a worker)',
    );
    expect(refused.stderr).toContain('--force');
    expect(refused.stdout).toBe('');
    const forced = await runCli(['plan', profile, '--workers', '4', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('3,000,000,000,000 requests');
  });

  it('run refuses before sending anything or creating its folder', async () => {
    const server = await startTestServer();
    try {
      const out = join(tempDir(), 'run');
      const r = await runCli(['run', writeProfile(HUGE), '--target', server.url, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('nothing was sent');
      expect(server.received()).toBe(0);
      expect(existsSync(out)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('simulate refuses more planned requests than it can compute, naming its limit', async () => {
    const r = await runCli([
      'simulate',
      writeProfile(HUGE.replace('3000000000', '200000')),
      '--out',
      join(tempDir(), 'sim'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('simulate handles at most 100,000,000 planned requests');
  });

  it("counts a wave's noise in the peak: 90,000 req/s with noise 0.5 is beyond one worker", async () => {
    const noisy = (noise: number, seed = '') => `
name: noisy
${seed}
load: { phases: [ { duration: 60s, wave: { mean: 90000, peakToMean: 1, period: 60s, noise: ${noise} } } ] }
requests: [ { name: get, path: /x } ]
`;
    // seeded: the busiest second of seed 3; unseeded: the highest any seed can give (135,000)
    for (const profile of [noisy(0.5, 'seed: 3'), noisy(0.5)]) {
      const r = await runCli(['plan', writeProfile(profile), '--workers', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the plan asks for a peak of 1[0-3]\d,\d{3} req\/s/);
    }
    const unseeded = await runCli(['plan', writeProfile(noisy(0.5)), '--workers', '2']);
    expect(unseeded.stdout).toContain(
      'peak up to 135000 req/s (wave noise of a seed drawn at the run)',
    );
    expect((await runCli(['plan', writeProfile(noisy(0)), '--workers', '1'])).code).toBe(0);
    const server = await startTestServer();
    try {
      const out = join(tempDir(), 'run');
      const run = await runCli([
        'run',
        writeProfile(noisy(0.5, 'seed: 3')),
        '--workers',
        '1',
        '--target',
        server.url,
        '--out',
        out,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/a peak of 1[0-3]\d,\d{3} req\/s/);
      expect(server.received()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('--force with the closed model, which has no bound, exits 2 in plan and run', async () => {
    const closed = writeProfile(`
name: users
load: { model: closed, phases: [ { duration: 1s, users: 2 } ] }
requests: [ { name: get, path: /x } ]
`);
    for (const command of ['plan', 'run']) {
      const r = await runCli(
        [command, closed, '--force', '--out', join(tempDir(), 'r')].slice(
          0,
          command === 'plan' ? 3 : 5,
        ),
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('a closed-model plan has none');
    }
  });

  it('a plan within the bound is untouched', async () => {
    const r = await runCli(['plan', writeProfile(HUGE.replace('3000000000', '50'))]);
    expect(r.code).toBe(0);
  });

  // plan --shard holds the shard to its share, as run --shard does (shard-setup.test.ts).
  it("plan --shard judges the shard's share of the peak", async () => {
    const big = writeProfile(`
name: big
load: { phases: [ { duration: 10s, rate: 300000 } ] }
requests: [ { name: get, path: /x } ]
`);
    const whole = await runCli(['plan', big, '--workers', '1']);
    expect(whole.code).toBe(2);
    const refused = await runCli(['plan', big, '--workers', '1', '--shard', '1/2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "shard 1/2's share of the plan asks for a peak of 150,000 req/s",
    );
    const shard = await runCli(['plan', big, '--workers', '1', '--shard', '1/4']);
    expect(shard.code, shard.stderr).toBe(0);
  });
});
