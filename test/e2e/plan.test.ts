/**
 * `flashcrowd plan` in-process through main() with fake streams: no ANSI codes in pipes, a cost
 * small tests can read, and an honest seed line. Sends no traffic (plan touches no socket).
 */
import { describe, expect, it } from 'vitest';
import { fakeCliContext } from '../helpers/fake-cli-context.js';
import { main } from '../../src/cli/main.js';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeProfile } from '../helpers/run-profile.js';

async function plan(args: string[], stdout: { isTTY: boolean }, env: Record<string, string> = {}) {
  const fake = fakeCliContext({ env, isTTY: stdout.isTTY });
  const ctx = fake.ctx;

  const code = await main(['plan', ...args], ctx);
  return { code, stdout: fake.out() };
}

const profile = (extra = '') => `
name: small
${extra}
load: { phases: [ { duration: 10s, rate: 10 } ] }
requests: [ { name: get, path: /things } ]
`;

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

describe('flashcrowd plan', () => {
  it('prints no ANSI codes into a pipe, and none on a TTY with NO_COLOR', async () => {
    const path = writeProfile(profile());
    const piped = await plan([path], { isTTY: false });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('100 requests');
    expect(piped.stdout).not.toMatch(ANSI);
    expect((await plan([path], { isTTY: true }, { NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
  });

  it('prints the cost of a small test with enough precision to be non-zero', async () => {
    const { stdout } = await plan([writeProfile(profile())], { isTTY: false });
    // 100 requests × (0.1 s × 1 GB x86_64 + a request fee): a few hundredths of a cent.
    const cost = /about \$([0-9.]+) /.exec(stdout);
    expect(cost).not.toBeNull();
    expect(Number(cost![1])).toBeGreaterThan(0);
    expect(Number(cost![1])).toBeLessThan(0.01);
    expect(stdout).not.toContain('$0.00 ');
  });

  it("prices the test at the model's architecture: x86_64 by default, arm64 when the model says so", async () => {
    const usd = async (extra: string) => {
      const { stdout } = await plan([writeProfile(profile(extra)), '--json'], { isTTY: false });
      return (JSON.parse(stdout) as { testCostUsd: number }).testCostUsd;
    };
    const [x86, arm] = [await usd(''), await usd('model: { architecture: arm64 }')];
    // An arm64 instance type without architecture: is simulate's to refuse, not plan's.
    expect(await usd('model: { platform: lmi, lmi: { instanceType: m7g.xlarge } }')).toBe(x86);
    // The request fee is the same; the GB-seconds (100 × 0.1 GB-s) differ by the two prices.
    expect(x86 - arm).toBeCloseTo(10 * (0.0000166667 - 0.0000133334), 12);
    const text = await plan([writeProfile(profile())], { isTTY: false });
    expect(text.stdout).toContain('GB x86_64 each, assumed');
  });

  it('--shard plans one shard: its exact share, split across its workers', async () => {
    // 10 s at 10.1 req/s: 101 arrivals, 26 + 25 + 25 + 25 over four shards.
    const path = writeProfile(profile().replace('rate: 10 ', 'rate: 10.1 '));
    const shares = [];
    for (let i = 1; i <= 4; i++) {
      const r = await plan([path, '--shard', `${i}/4`, '--workers', '3', '--json'], {
        isTTY: false,
      });
      const p = JSON.parse(r.stdout) as {
        plannedRequests: number;
        shard: { index: number; count: number; requests: number };
        perWorker: Array<{ requests: number }>;
      };
      expect(p.plannedRequests).toBe(101);
      expect(p.shard).toMatchObject({ index: i - 1, count: 4 });
      expect(p.perWorker.reduce((n, w) => n + w.requests, 0)).toBe(p.shard.requests);
      shares.push(p.shard.requests);
    }
    expect(shares).toEqual([26, 25, 25, 25]);
    const text = await plan([path, '--shard', '1/4', '--workers', '3'], { isTTY: false });
    expect(text.stdout).toContain('shard 1/4: 26 requests');
    expect(text.stdout).toContain('split across 3 workers (of this shard)');
  });

  it('says the seed is random when the profile sets none, and shows a set seed', async () => {
    const unset = await plan([writeProfile(profile())], { isTTY: false });
    expect(unset.stdout).toContain('seed: random (none set)');
    expect(unset.stdout).not.toMatch(/seed:? 0\b/);
    const set = await plan([writeProfile(profile('seed: 42'))], { isTTY: false });
    expect(set.stdout).toContain('seed: 42)');
    const json = await plan([writeProfile(profile()), '--json'], { isTTY: false });
    expect(JSON.parse(json.stdout)).toMatchObject({ seed: null, plannedRequests: 100 });
  });

  it('refuses a profile whose tls: files are missing or not PEM, as run does (exit 2)', async () => {
    const fake = fakeCliContext({ isTTY: false });
    const missing = writeProfile(profile('tls: { ca: missing-ca.pem }'));
    expect(await main(['plan', missing], fake.ctx)).toBe(2);
    expect(fake.err()).toMatch(/tls\.ca in .*profile\.yaml: .*missing-ca\.pem: file not found/);
    const dir = tempDir();
    writeFileSync(join(dir, 'key.pem'), 'not a key');
    const notPem = writeProfile(profile('tls: { cert: key.pem, key: key.pem }'), dir);
    expect(await main(['plan', notPem], fake.ctx)).toBe(2);
    expect(fake.err()).toMatch(/tls\.cert in .*: not a PEM file/);
  });

  it('refuses a schedule that plans no request (every rate 0), as run and simulate do', async () => {
    const zero = writeProfile(`
name: zero
load: { phases: [ { duration: 3s, rate: 0 }, { duration: 2s, wave: { mean: 0, peakToMean: 2, period: 1s } } ] }
requests: [ { name: get, path: /things } ]
`);
    for (const command of ['plan', 'simulate', 'run']) {
      const fake = fakeCliContext({ isTTY: false });
      const out = join(tempDir(), 'run');
      const args = command === 'plan' ? [zero] : [zero, '--out', out];
      expect(await main([command, ...args], fake.ctx)).toBe(2);
      expect(fake.err()).toContain('the schedule plans no request');
      expect(existsSync(out)).toBe(false);
    }
  });
});
