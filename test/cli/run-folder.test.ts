// Issue 11 item 6 (and the "not writable" part of item 10): the run folder is claimed before
// anything is written; an earlier run is never replaced silently. Runs the built CLI.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunFolder } from '../../src/cli/run-folder.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const PROFILE = `
name: folder
load: { phases: [ { duration: 2s, rate: 5 } ] }
requests: [ { name: get, path: /notes } ]
`;

describe('run folder', () => {
  it('simulate --out of a folder holding a run exits 2 and keeps the earlier run; --overwrite replaces it', async () => {
    const out = tempDir();
    const profile = writeProfile(PROFILE);
    const first = await runCli(['simulate', profile, '--out', out, '--quiet', '--seed', '1']);
    expect(first.code).toBe(0);
    const before = readFileSync(join(out, 'run.json'), 'utf8');
    const second = await runCli(['simulate', profile, '--out', out, '--quiet', '--seed', '2']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already holds a run');
    expect(second.stderr).toContain('--overwrite');
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe(before);
    const third = await runCli([
      'simulate',
      profile,
      '--out',
      out,
      '--quiet',
      '--seed',
      '2',
      '--overwrite',
    ]);
    expect(third.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).environment.seed).toBe(2);
  });

  it('run --out of a folder holding a run exits 2 before sending anything', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'run.json'), '{"earlier": true}\n');
    const r = await runCli(['run', writeProfile(PROFILE), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds a run (run.json)');
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe('{"earlier": true}\n');
  });

  it('the default run id never collides: a second run in the same second gets its own folder', () => {
    const cwd = tempDir();
    const a = openRunFolder({ cwd, runId: '20261201-000000-x' });
    const b = openRunFolder({ cwd, runId: '20261201-000000-x' });
    expect(a).not.toBe(b);
    expect(b).toBe(`${a}-2`);
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual([
      '20261201-000000-x',
      '20261201-000000-x-2',
    ]);
  });

  it("--overwrite removes a shard run's files too, so a shard run again never keeps the last one's", () => {
    const out = tempDir();
    for (const f of ['run.json', 'shard.json', 'shard-windows.ndjson', 'notes.txt'])
      writeFileSync(join(out, f), '{}');
    openRunFolder({ cwd: out, out, runId: 'x', overwrite: true });
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('--overwrite without --out is refused (it did nothing: the default folder took a suffix)', () => {
    const cwd = tempDir();
    expect(() => openRunFolder({ cwd, runId: 'x', overwrite: true })).toThrow(
      '--overwrite replaces the run in --out, and there is no --out',
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an empty existing --out folder is used as is', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'empty'));
    expect(openRunFolder({ cwd, out: 'empty', runId: 'x' })).toBe(join(cwd, 'empty'));
  });

  it('an --out that cannot be created says "not writable", exit 2', async () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'a-file'), '');
    const r = await runCli([
      'simulate',
      writeProfile(PROFILE),
      '--out',
      join(parent, 'a-file', 'sub'),
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not writable (ENOTDIR)');
    const sys = await runCli([
      'simulate',
      writeProfile(PROFILE),
      '--out',
      '/sys/flashcrowd-test',
      '--quiet',
    ]);
    expect(sys.code).toBe(2);
    expect(sys.stderr).toMatch(/is not writable \(E[A-Z]+\)/);
    expect(existsSync('/sys/flashcrowd-test')).toBe(false);
  });

  it('creates missing parents of --out, and returns at once where /proc would hang a recursive mkdir', () => {
    const cwd = tempDir();
    expect(openRunFolder({ cwd, out: 'a/b/c', runId: 'x' })).toBe(join(cwd, 'a', 'b', 'c'));
    expect(existsSync(join(cwd, 'a', 'b', 'c'))).toBe(true);
    // Node's mkdir(..., { recursive: true }) never returns for a path under a missing /proc entry.
    expect(() => openRunFolder({ cwd, out: '/proc/flashcrowd-test/sub', runId: 'x' })).toThrow(
      'is not writable (ENOENT)',
    );
  });

  it('an --out that is a file is refused as one, the file untouched', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a-file'), 'kept');
    expect(() => openRunFolder({ cwd, out: 'a-file', runId: 'x' })).toThrow(
      `--out a-file: ${join(cwd, 'a-file')} is a file, not a folder; choose a folder`,
    );
    expect(readFileSync(join(cwd, 'a-file'), 'utf8')).toBe('kept');
  });
});
