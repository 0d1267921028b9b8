// Runs the built CLI (`npm run build` first): `flashcrowd simulate` in virtual time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema } from '../../src/record/run-record.js';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/flashcrowd.js');

function simulate(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'fc-sim-'));
  execFileSync(
    process.execPath,
    [BIN, 'simulate', ...args, '--out', out, '--quiet', '--no-reports'],
    { cwd: ROOT },
  );
  return runRecordSchema.parse(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')));
}

describe('flashcrowd simulate', () => {
  it('writes a valid, deterministic run record with model series and parameters', () => {
    const args = [
      'profiles/needlepoint.yaml',
      '--platform',
      'on-demand',
      '--seed',
      '5',
      '--duration',
      '90s',
    ];
    const a = simulate(args);
    const b = simulate(args);
    expect(a.kind).toBe('simulate');
    expect(a.target).toMatchObject({ kind: 'simulated', platform: 'on-demand' });
    expect(a.totals.planned).toBeGreaterThan(1000);
    expect(a.totals).toEqual(b.totals);
    expect(a.timeline).toEqual(b.timeline);
    expect(a.platform.series.map((s) => s.points.map(([, v]) => v))).toEqual(
      b.platform.series.map((s) => s.points.map(([, v]) => v)),
    );
    expect(a.platform.series.every((s) => s.source === 'model')).toBe(true);
    const invocations = a.platform.series
      .filter((s) => s.name === 'lambda.invocations')
      .flatMap((s) => s.points)
      .reduce((n, [, v]) => n + v, 0);
    const throttles = a.platform.series
      .filter((s) => s.name === 'lambda.throttles')
      .flatMap((s) => s.points)
      .reduce((n, [, v]) => n + v, 0);
    expect(throttles).toBe(a.totals.throttled);
    // Every request of needlepoint reaches a function: each one is an invocation or a throttle.
    expect(invocations + throttles).toBe(a.totals.sent);
    expect(a.platform.model?.['onDemand.accountConcurrency']).toEqual({
      value: 1000,
      source: expect.stringContaining('docs.aws.amazon.com'),
    });
  });

  it('exits 2 with model.* paths for a bad --instance-type', () => {
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'simulate',
        'profiles/needlepoint.yaml',
        '--platform',
        'lmi',
        '--instance-type',
        'z9.huge',
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('model.lmi.instanceType');
  });

  it('writes junit.xml and exits by the verdict when $GITHUB_STEP_SUMMARY cannot be written', () => {
    const out = mkdtempSync(join(tmpdir(), 'fc-sim-summary-'));
    const summary = join(out, 'missing-folder', 'summary.md');
    const r = spawnSync(
      process.execPath,
      [BIN, 'simulate', 'profiles/ci-smoke.yaml', '--out', out],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: summary } },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('cannot append the Markdown report to $GITHUB_STEP_SUMMARY');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<testsuites');
  });

  // Each names what the run cannot have, so it could only ever be "unknown", which
  // --allow-unknown lets pass: a typo would switch the gate off and CI would go green.
  it.each([
    ['http.p99{request=getNotes} < 300ms', 'no request is named "getNotes"'],
    ['http.error_rate{flow=checkout} < 1%', 'http.error_rate has no label "flow"'],
    ['lambda.throttles{function=notes-reed} == 0', 'the run has no function "notes-reed"'],
    ['http.p0 < 1ms', 'unknown metric "http.p0"'],
  ])('exits 2 for --gate %j even with --allow-unknown, and writes nothing', (gate, message) => {
    const out = mkdtempSync(join(tmpdir(), 'fc-sim-gate-'));
    const r = spawnSync(
      process.execPath,
      [BIN, 'simulate', 'profiles/ci-smoke.yaml', '--allow-unknown', '--gate', gate, '--out', out],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--gate: 1 problem:\n  - ${message}`);
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });

  it('exits 2 on --platform lmi for a gate naming a capacity provider the model lacks', () => {
    const out = mkdtempSync(join(tmpdir(), 'fc-sim-gate-'));
    const gate = 'lmi.cpu_utilization.max{capacityProvider=typo} < 90%';
    const args = ['simulate', 'profiles/ci-smoke.yaml', '--gate', gate, '--out', out];
    const r = spawnSync(process.execPath, [BIN, ...args, '--platform', 'lmi', '--allow-unknown'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `--gate: 1 problem:\n  - {capacityProvider=typo} matches none of the run's capacity providers in "${gate}" (capacity providers: notes-lmi`,
    );
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });

  // steady-state is meant for either platform: on on-demand its LMI gate stays unknown, saying why.
  it('judges an lmi.* gate unknown on --platform on-demand, saying the run has no LMI series', () => {
    const out = mkdtempSync(join(tmpdir(), 'fc-sim-od-'));
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'simulate',
        'profiles/steady-state.yaml',
        '--platform',
        'on-demand',
        '--duration',
        '5s',
      ].concat(['--out', out, '--quiet']),
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      gates: Array<{ expr: string; verdict: string; note?: string }>;
    };
    const gate = record.gates.find((g) => g.expr === 'lmi.cpu_utilization.max < 90%');
    expect(gate?.verdict).toBe('unknown');
    expect(gate?.note).toContain(
      'the run is on-demand, so it has no LMI series such as lmi.cpu_utilization (simulate or run with --platform lmi for them)',
    );
  });
});

// Six hours at 300 req/s: 6.5 million requests, tens of seconds of computing, so a signal sent at
// the first progress line lands in the middle.
const LONG = `name: long-simulation
load: { phases: [ { duration: 6h, rate: 300 } ] }
requests:
  - { name: list, method: GET, path: '/notes?limit=5' }
  - { name: create, weight: 0.1, method: POST, path: '/notes', json: { title: t, body: b } }
`;

describe('flashcrowd simulate: signals and --out', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} stops it: the record is written with status aborted, exit ${code}`, async () => {
      const out = tempDir();
      const r = await runCli(['simulate', writeProfile(LONG), '--out', out, '--no-reports'], {
        onStart: (child) => {
          let sent = false;
          child.stderr?.on('data', (d: Buffer) => {
            if (sent || !d.toString().includes('simulating:')) return;
            sent = true;
            child.kill(signal);
          });
        },
      });
      expect(r.stderr).toContain(`${signal}: stopping the simulation; writing the record`);
      expect(r.code).toBe(code);
      const rec = readValidRecord(out);
      expect(rec.status).toBe('aborted');
      expect(rec.statusReason).toBe(`interrupted by ${signal}`);
      // Stopped part way, and every request sent was answered (in virtual time).
      expect(rec.totals.sent).toBeGreaterThan(0);
      expect(rec.totals.sent).toBeLessThan(6 * 3600 * 300);
      expect(rec.totals.completed).toBe(rec.totals.sent);
      expect(rec.timeline.length).toBeLessThan(6 * 3600);
      expect(rec.timeline.reduce((n, e) => n + e.sent, 0)).toBe(rec.totals.sent);
    });
  }

  it('refuses an --out that holds a run before it simulates, not after', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'run.json'), '{"kept": true}');
    // Without the early check it would compute 6.5 million requests first, printing progress.
    const r = await runCli(['simulate', writeProfile(LONG), '--out', out], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds a run');
    expect(r.stderr).not.toContain('simulating:');
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe('{"kept": true}');
  });
});
