/**
 * The price table of `run` and `simulate` (built CLI): asked-for cost that cannot be priced
 * (`--prices` a missing file, `--fleet` a type the table lacks) exits 2 before anything is sent or
 * any folder claimed; without `--prices`, the table `prices refresh` cached is the one priced.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const profile = writeProfile(`
name: priced
load: { phases: [ { duration: 2s, rate: 10 } ] }
requests: [ { name: list, path: /notes } ]
`);

let server: TestServer;
beforeAll(async () => (server = await startTestServer()));
afterAll(() => server.close());

describe('cost flags checked before the traffic', () => {
  it.each([
    [
      ['--fleet', 'nosuch.type=2'],
      /--fleet nosuch.type=2: no price for instance type nosuch.type in the us-east-1 table/,
    ],
    [
      ['--prices', '/no/such/prices.json'],
      /\/no\/such\/prices.json: 1 problem:\n\s+- cannot read price table/,
    ],
  ])('run %j exits 2, sends nothing and claims no folder', async (flags, message) => {
    const out = join(tempDir(), 'run');
    const r = await runCli([
      'run',
      profile,
      '--target',
      server.url,
      '--out',
      out,
      '--quiet',
      ...flags,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(server.received()).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--fleet', 'nosuch.type=2'], /--fleet nosuch.type=2: no price/],
    [['--prices', '/no/such/prices.json'], /cannot read price table/],
  ])('simulate %j exits 2 and claims no folder', async (flags, message) => {
    const out = join(tempDir(), 'sim');
    const r = await runCli(['simulate', profile, '--out', out, '--quiet', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a fleet type only the --prices file has is priced', async () => {
    const file = join(tempDir(), 'prices.json');
    const table = structuredClone(builtinPrices['us-east-1']);
    table.ec2['x9.test'] = { vcpus: 8, memoryGiB: 32, hourlyUsd: 1 };
    writeFileSync(file, JSON.stringify(table));
    const out = tempDir();
    const r = await runCli([
      'simulate',
      profile,
      '--out',
      out,
      '--quiet',
      '--prices',
      file,
      '--fleet',
      'x9.test=3',
    ]);
    expect(r.code).toBe(0);
    const fleet = readValidRecord(out).cost!.scenarios.find((s) => /x9\.test/.test(s.note ?? ''));
    // 3 instances at $1 an hour for the 2 s run
    expect(fleet?.computeUsd).toBeCloseTo((3 * 2) / 3600, 9);
  });
});

describe('the refreshed cache', () => {
  it('prices a run without --prices with the table `prices refresh` wrote', async () => {
    const cacheHome = tempDir();
    mkdirSync(join(cacheHome, 'flashcrowd', 'prices'), { recursive: true });
    const cached = {
      ...structuredClone(builtinPrices['us-east-1']),
      date: '2026-11-30',
      source: 'refreshed for the test',
    };
    writeFileSync(
      join(cacheHome, 'flashcrowd', 'prices', 'prices-us-east-1.json'),
      JSON.stringify(cached),
    );
    const out = tempDir();
    const r = await runCli(['simulate', profile, '--out', out, '--quiet'], {
      env: { XDG_CACHE_HOME: cacheHome },
    });
    expect(r.code).toBe(0);
    const prices = readValidRecord(out).cost!.prices;
    expect(prices.date).toBe('2026-11-30');
    expect(prices.source).toBe('refreshed for the test');
  });
});
