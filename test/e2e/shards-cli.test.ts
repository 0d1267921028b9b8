/**
 * A test split across processes: `run --shard I/N --start-at T` on each, then `merge`. Two
 * one-worker shards must make exactly the record of one two-worker run (same arrivals, same
 * per-second plan, same request mix), judged once on the merged data; and every combination a
 * split test cannot serve is exit 2 before anything is sent.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(1));
});
afterAll(async () => {
  await server.close();
});

// 80 + 140 = 220 arrivals. The status gate passes on the whole test only (each shard sends about
// 110); the p50 gate cannot pass, so the verdict is judged and the exit code is 1. The capture
// never matches: its warning counts the misses of the whole test.
const PROFILE = `
name: split
seed: 11
load:
  phases:
    - { duration: 2s, rate: 40 }
    - { duration: 2s, rampTo: 100 }
requests:
  - { name: list, path: /notes, weight: 3 }
  - { name: create, method: POST, path: /notes, json: { title: t }, capture: { noteId: $.nope } }
gates:
  - http.error_rate < 1%
  - http.status{code=200} > 150
  - http.p50 > 3600s
`;

/** An instant `seconds` from now, as --start-at takes it. */
function inSeconds(seconds: number): string {
  return new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString();
}

describe('run --shard and merge', () => {
  const work = tempDir('flashcrowd-shards-');
  const profile = writeProfile(PROFILE, work);
  const shardDirs = [join(work, 's1'), join(work, 's2')];

  it('two one-worker shards merge into the record of one two-worker run', async () => {
    // Far enough ahead for two processes to start on a busy machine.
    const startAt = inSeconds(10);
    const shardArgs = (i: number) => [
      'run',
      profile,
      '--target',
      server.url,
      '--workers',
      '1',
      '--shard',
      `${i + 1}/2`,
      '--start-at',
      startAt,
      '--out',
      shardDirs[i],
    ];
    const [a, b] = await Promise.all([runCli(shardArgs(0)), runCli(shardArgs(1))]);
    // A shard's exit says whether it ran, not what its share met: merge judges the gates.
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(a.stderr).toContain('shard 1/2: the traffic starts at');
    for (const dir of shardDirs) {
      expect(existsSync(join(dir, 'shard.json'))).toBe(true);
      expect(existsSync(join(dir, 'report.md'))).toBe(false);
    }
    const shards = shardDirs.map(readValidRecord);
    expect(shards.map((s) => s.environment.shard)).toEqual([
      { index: 1, count: 2 },
      { index: 2, count: 2 },
    ]);
    expect(shards.map((s) => s.gates)).toEqual([[], []]);
    expect(shards[0].startedAt).toBe(startAt);
    expect(shards[1].startedAt).toBe(startAt);
    expect(shards[0].totals.planned + shards[1].totals.planned).toBe(220);

    const merged = join(work, 'merged');
    const m = await runCli(['merge', shardDirs[1], shardDirs[0], '--out', merged]);
    expect(m.code, m.stderr).toBe(1);
    expect(m.stderr).toContain('merged 2 shards (2 workers): 220 requests sent');

    const single = join(work, 'single');
    const s = await runCli([
      'run',
      profile,
      '--target',
      server.url,
      '--workers',
      '2',
      '--out',
      single,
    ]);
    expect(s.code, s.stderr).toBe(1);

    const mr = readValidRecord(merged);
    const sr = readValidRecord(single);
    expect(mr.status).toBe('completed');
    expect(mr.startedAt).toBe(startAt);
    expect(mr.environment.workers).toBe(2);
    expect(mr.environment.mergedFrom).toEqual(shards.map((x) => x.runId));
    expect(mr.environment.timeoutMs).toBe(10_000);
    expect(mr.totals.planned).toBe(220);
    expect(mr.totals.sent).toBe(sr.totals.sent);
    expect(mr.timeline.map((e) => e.planned)).toEqual(sr.timeline.map((e) => e.planned));
    expect(mr.phases.map((p) => p.totals.planned)).toEqual(sr.phases.map((p) => p.totals.planned));
    // The same workers' arrivals and seeds: the same requests of each name.
    expect(Object.fromEntries(Object.entries(mr.byRequest).map(([k, v]) => [k, v.sent]))).toEqual(
      Object.fromEntries(Object.entries(sr.byRequest).map(([k, v]) => [k, v.sent])),
    );
    expect(mr.latencyMs.overall?.count).toBe(
      shards[0].latencyMs.overall!.count + shards[1].latencyMs.overall!.count,
    );
    expect(mr.gates.map((g) => g.verdict)).toEqual(['pass', 'pass', 'fail']);
    expect(mr.gates.map((g) => g.verdict)).toEqual(sr.gates.map((g) => g.verdict));
    expect(mr.gates[1].observed).toBe(mr.totals.sent);
    expect(mr.cost?.scenarios.length).toBeGreaterThan(0);
    // The merged record's own warnings: no shard's note on its gates, the capture's misses of all shards.
    const misses = mr.byRequest.create.ok;
    expect(mr.captures?.noteId).toEqual({ matched: 0, missed: misses });
    expect(mr.warnings.filter((w) => /shard|never matched/.test(w))).toEqual([
      `capture noteId ($.nope on create) never matched (${misses} 2xx replies missed); requests that read {{noteId}} ran create instead`,
    ]);
    for (const f of ['timeline.ndjson', 'report.md', 'report.html', 'junit.xml'])
      expect(existsSync(join(merged, f))).toBe(true);
    expect(readFileSync(join(merged, 'timeline.ndjson'), 'utf8').trim().split('\n')).toHaveLength(
      mr.timeline.length,
    );
  }, 120_000);

  it('merge refuses folders that are not the shards of one test (exit 2, named)', async () => {
    const single = join(work, 'single');
    const notShard = await runCli(['merge', shardDirs[0], single]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toContain('which was not run with --shard');

    // --out at a shard folder would replace that shard's run.json (with --overwrite): refused.
    const shardRecord = readFileSync(join(shardDirs[0], 'run.json'), 'utf8');
    const intoShard = await runCli([
      'merge',
      ...shardDirs,
      '--out',
      `${shardDirs[0]}/`,
      '--overwrite',
    ]);
    expect(intoShard.code).toBe(2);
    expect(intoShard.stderr).toContain('is one of the shard folders');
    expect(readFileSync(join(shardDirs[0], 'run.json'), 'utf8')).toBe(shardRecord);

    // A shard's platform metrics are the whole test's: collect the merged run.
    const collectShard = await runCli(['collect', shardDirs[0]]);
    expect(collectShard.code).toBe(2);
    expect(collectShard.stderr).toContain('is shard 1/2 of a split test');
    expect(readFileSync(join(shardDirs[0], 'run.json'), 'utf8')).toBe(shardRecord);

    const missing = await runCli(['merge', shardDirs[0]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 2/2 missing: merge needs all 2 shard folders');

    const twice = await runCli(['merge', shardDirs[0], shardDirs[0]]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('are both shard 1/2');

    const other = join(work, 's2-other');
    cpSync(shardDirs[1], other, { recursive: true });
    const record = JSON.parse(readFileSync(join(other, 'run.json'), 'utf8')) as {
      profile: { name: string };
    };
    record.profile.name = 'another test';
    writeFileSync(join(other, 'run.json'), JSON.stringify(record));
    const different = await runCli(['merge', shardDirs[0], other]);
    expect(different.code).toBe(2);
    expect(different.stderr).toContain('differ in the profile: they are not shards of one test');

    const priced = join(work, 's2-priced');
    cpSync(shardDirs[1], priced, { recursive: true });
    const pricedRecord = JSON.parse(readFileSync(join(priced, 'run.json'), 'utf8')) as {
      cost: { options: { frontDoor: string } };
    };
    pricedRecord.cost.options.frontDoor = 'alb';
    writeFileSync(join(priced, 'run.json'), JSON.stringify(pricedRecord));
    const otherCost = await runCli(['merge', shardDirs[0], priced]);
    expect(otherCost.code).toBe(2);
    expect(otherCost.stderr).toContain('differ in the cost flags');

    // What counts as a timeout must be the same on every shard (the merged record names one).
    const slower = join(work, 's2-timeout');
    cpSync(shardDirs[1], slower, { recursive: true });
    const slowerRecord = JSON.parse(readFileSync(join(slower, 'run.json'), 'utf8')) as {
      environment: { timeoutMs: number };
    };
    expect(slowerRecord.environment.timeoutMs).toBe(10_000);
    slowerRecord.environment.timeoutMs = 30_000;
    writeFileSync(join(slower, 'run.json'), JSON.stringify(slowerRecord));
    const otherTimeout = await runCli(['merge', shardDirs[0], slower]);
    expect(otherTimeout.code).toBe(2);
    expect(otherTimeout.stderr).toContain('differ in --timeout: they are not shards of one test');

    // A shard record of an older flashcrowd, without the setting, is not held against the rest.
    delete (slowerRecord.environment as { timeoutMs?: number }).timeoutMs;
    writeFileSync(join(slower, 'run.json'), JSON.stringify(slowerRecord));
    const olderShard = await runCli(['merge', shardDirs[0], slower, '--out', join(work, 'older')]);
    expect(olderShard.stderr).not.toContain('differ in');
    expect(olderShard.code).toBe(1); // merged and judged: the profile's http.p50 gate fails
    expect(existsSync(join(work, 'older', 'run.json'))).toBe(true);

    const unfinished = join(work, 's2-unfinished');
    cpSync(shardDirs[1], unfinished, { recursive: true });
    writeFileSync(join(unfinished, 'shard.json'), '');
    const torn = await runCli(['merge', shardDirs[0], unfinished]);
    expect(torn.code).toBe(2);
    expect(torn.stderr).toContain('shard.json is not valid JSON');
  }, 60_000);

  it('merge refuses a shard whose files disagree with its run.json (exit 2, named), never merges them', async () => {
    /** A copy of shard 2 with `change` applied to the text of one of its files. */
    const altered = (name: string, file: string, change: (text: string) => string) => {
      const dir = join(work, name);
      cpSync(shardDirs[1], dir, { recursive: true });
      writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
      return dir;
    };
    const lines = (text: string) => text.trimEnd().split('\n');
    // The last batch lost (an append that failed on a full disk, a copy cut short): whole lines.
    const cut = altered(
      's2-cut',
      'shard-windows.ndjson',
      (t) => `${lines(t).slice(0, -1).join('\n')}\n`,
    );
    // One histogram damaged.
    const damaged = altered('s2-damaged', 'shard-windows.ndjson', (t) =>
      t.replace(/"latency":"[^"]+"/, '"latency":"garbage"'),
    );
    // Shard 1's statistics under shard 2's name: another run's shard.json.
    const foreign = altered('s2-foreign', 'shard.json', () =>
      readFileSync(join(shardDirs[0], 'shard.json'), 'utf8').replace('"index":1', '"index":2'),
    );
    const cases: Array<[string, string]> = [
      [cut, 'shard-windows.ndjson does not hold the seconds of its run.json'],
      [damaged, 'shard.json or shard-windows.ndjson is damaged'],
      [foreign, 'shard.json does not hold the statistics of its run.json'],
    ];
    for (const [dir, message] of cases) {
      const r = await runCli(['merge', shardDirs[0], dir, '--out', join(work, 'never')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${dir}: ${message}`);
      expect(r.stderr).not.toContain('looks like a bug');
      expect(existsSync(join(work, 'never', 'run.json'))).toBe(false);
    }
  }, 60_000);

  it('a shard whose start instant passes before its workers are ready: exit 3, a failed record, nothing sent', async () => {
    // An https target that accepts TCP connections and never answers the TLS handshake: each
    // worker's connections before the start wait out --timeout, well past --start-at.
    const held: Socket[] = [];
    const silent = createServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const dir = join(work, 'late');
    try {
      const r = await runCli([
        'run',
        profile,
        '--target',
        `https://127.0.0.1:${port}`,
        '--insecure',
        '--timeout',
        '8s',
        '--workers',
        '1',
        '--shard',
        '1/2',
        '--start-at',
        inSeconds(3),
        '--out',
        dir,
      ]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('before the workers were ready; nothing was sent');
      const record = readValidRecord(dir);
      expect(record.status).toBe('failed');
      expect(record.statusReason).toContain('before the workers were ready');
      expect(record.endedAt).not.toBeNull();
      expect(record.totals.sent).toBe(0);
      expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<failure');
      expect(existsSync(join(dir, 'shard.json'))).toBe(false);
      const m = await runCli(['merge', shardDirs[0], dir]);
      expect(m.code).toBe(2);
      expect(m.stderr).toContain('is not a finished shard run');
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 60_000);

  it('a shard interrupted while it waits for --start-at: exit 130, an aborted record that ends where it would have begun', async () => {
    const dir = join(work, 'waiting');
    const before = server.received();
    const r = await runCli(
      [
        'run',
        profile,
        '--target',
        server.url,
        '--workers',
        '1',
        '--shard',
        '1/2',
        '--start-at',
        inSeconds(60),
        '--out',
        dir,
      ],
      {
        onStart: (child) =>
          child.stderr?.on('data', (d: Buffer) => {
            // Printed just before the run's signal handling starts: a second later it waits.
            if (d.toString().includes('the traffic starts at'))
              setTimeout(() => child.kill('SIGINT'), 1000);
          }),
      },
    );
    expect(r.code, r.stderr).toBe(130);
    expect(server.received()).toBe(before);
    const record = readValidRecord(dir);
    expect(record.status).toBe('aborted');
    expect(record.totals.sent).toBe(0);
    expect(record.endedAt).toBe(record.startedAt);
    expect(existsSync(join(dir, 'shard.json'))).toBe(true);
  }, 60_000);

  it.each([
    [['--shard', '1/2'], '--shard 1/2 needs --start-at TIME'],
    [
      ['--shard', '1/2', '--start-at', inSeconds(600)],
      'every shard must send to one shared target',
    ],
    [['--start-at', '2020-01-01T00:00:00Z'], '--start-at 2020-01-01T00:00:00.000Z has passed'],
    [['--start-at', '2099-01-01T00:00:00Z'], 'is more than 24 hours ahead'],
    [['--shard', '3/2'], '--shard must be I/N'],
  ])('run %j is exit 2 before anything is sent', async (flags, message) => {
    const cwd = tempDir();
    const r = await runCli(['run', profile, ...flags], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(cwd, 'reports'))).toBe(false);
  });

  const abortOnFail = writeProfile(
    PROFILE.replace(
      '  - http.error_rate < 1%',
      '  - { expr: "http.error_rate < 1%", abortOnFail: true }',
    ),
    tempDir(),
  );
  it.each([
    [profile, ['--collect', 'aws'], 'a shard collects no platform metrics'],
    [profile, ['--settle', '10s'], 'a shard collects no platform metrics'],
    [abortOnFail, [], 'gate "http.error_rate < 1%" has abortOnFail'],
  ])(
    'run %s --shard with %j against a target is exit 2, nothing sent',
    async (file, flags, message) => {
      const before = server.received();
      const r = await runCli([
        'run',
        file,
        '--target',
        server.url,
        '--shard',
        '1/2',
        '--start-at',
        inSeconds(600),
        ...flags,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(server.received()).toBe(before);
    },
  );
});
