// Runs the built CLI (`npm run build` first): `flashcrowd simulate` in virtual time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema } from '../../src/record/run-record.js';

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
});
