/**
 * `flashcrowd report` and `flashcrowd compare` run in-process through main() with fake streams:
 * exit codes for success, regressions, and unreadable records.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeCliContext } from '../helpers/fake-cli-context.js';
import { main } from '../../src/cli/main.js';
import { reportRecord } from './fixtures.js';

function context(env: Record<string, string> = {}) {
  return fakeCliContext({ env });
}

function saved(record = reportRecord()): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-cmd-'));
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  return dir;
}

describe('flashcrowd report', () => {
  it('prints the terminal summary and rewrites the named files', async () => {
    const dir = saved();
    const summary = join(dir, 'summary.md');
    const io = context({ GITHUB_STEP_SUMMARY: summary });
    expect(await main(['report', dir, '--format', 'terminal,md,junit'], io.ctx)).toBe(0);
    expect(io.out()).toContain('flashcrowd simulate fixture-run: completed');
    expect(existsSync(join(dir, 'report.md'))).toBe(true);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(readFileSync(summary, 'utf8')).toContain('## Gates');
  });
  it('an unwritable $GITHUB_STEP_SUMMARY is a warning: every report is written, exit 0', async () => {
    const dir = saved();
    const summary = join(dir, 'no-such-folder', 'summary.md');
    const io = context({ GITHUB_STEP_SUMMARY: summary });
    // junit.xml is written after report.md, whose text is what the summary would get.
    expect(await main(['report', dir, '--format', 'md,junit'], io.ctx)).toBe(0);
    expect(existsSync(join(dir, 'report.md'))).toBe(true);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(true);
    expect(io.err()).toContain(
      `warning: cannot append the Markdown report to $GITHUB_STEP_SUMMARY (${summary}: ENOENT); the report files are written`,
    );
  });
  it('exits 2 for an --out that is a file, writing nothing there', async () => {
    const dir = saved();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'kept');
    const io = context();
    expect(await main(['report', dir, '--format', 'md', '--out', file], io.ctx)).toBe(2);
    expect(io.err()).toContain(`--out ${file}: ${file} is a file, not a folder`);
    expect(readFileSync(file, 'utf8')).toBe('kept');
    const compare = context();
    expect(await main(['compare', dir, dir, '--out', file], compare.ctx)).toBe(2);
    expect(compare.err()).toContain('is a file, not a folder');
  });
  it('prints the Markdown to stdout with --format md --stdout, writing no file', async () => {
    const dir = saved();
    const summary = join(dir, 'summary.md');
    const io = context({ GITHUB_STEP_SUMMARY: summary });
    expect(await main(['report', dir, '--format', 'md', '--stdout'], io.ctx)).toBe(0);
    expect(io.out()).toMatch(/^# flashcrowd simulate `fixture-run`\n\n\*\*FAIL\*\*/);
    expect(io.out()).toContain('| request | count | ok % | p50 ms | p95 ms | p99 ms | max ms |');
    expect(existsSync(join(dir, 'report.md'))).toBe(false);
    expect(existsSync(summary)).toBe(false);
    expect(io.err()).toBe('');
  });
  it('exits 2 for --stdout with several formats or a stdout-only one', async () => {
    for (const format of ['md,html', 'terminal']) {
      const io = context();
      expect(await main(['report', saved(), '--format', format, '--stdout'], io.ctx)).toBe(2);
      expect(io.err()).toContain('--stdout prints one file format');
    }
  });
  it('exits 2 for an --out that no asked format writes to, creating nothing', async () => {
    for (const args of [
      ['--format', 'terminal'],
      ['--format', 'terminal,json'],
      ['--format', 'md', '--stdout'],
    ]) {
      const dir = saved();
      const out = join(dir, 'reports-here');
      const io = context();
      expect(await main(['report', dir, ...args, '--out', out], io.ctx)).toBe(2);
      expect(io.err()).toContain(`--out ${out}`);
      expect(io.err()).toMatch(/writes no file/);
      expect(existsSync(out)).toBe(false);
      expect(io.out()).toBe('');
    }
  });
  it.each([
    [['--format', 'md', '--stdout', '--json'], '--json with --stdout'],
    [
      ['--format', 'md', '--verbose'],
      '--verbose lengthens the terminal summary, which --format md does not print',
    ],
    [['--quiet', '--verbose'], 'which --quiet does not print'],
    [['--json', '--verbose'], 'which --json does not print'],
  ])('exits 2 for %j: a flag that would do nothing', async (flags, message) => {
    const io = context();
    expect(await main(['report', saved(), ...flags], io.ctx)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.out()).toBe('');
  });

  it('prints JSON with --json', async () => {
    const dir = saved();
    const io = context();
    expect(await main(['report', dir, '--json'], io.ctx)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ runId: 'fixture-run' });
  });
  it('exits 2 with a clear message for another schema version or a corrupt file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-cmd-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...reportRecord(), schemaVersion: 99 }));
    const io = context();
    expect(await main(['report', dir], io.ctx)).toBe(2);
    expect(io.err()).toMatch(/schemaVersion 99/);
    writeFileSync(join(dir, 'run.json'), '{"schemaVersion": 1, ');
    expect(await main(['report', dir], context().ctx)).toBe(2);
    expect(await main(['report', join(dir, 'nope')], context().ctx)).toBe(2);
  });
  it('names the missing run.json once', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'flashcrowd-cmd-')), 'missing');
    const io = context();
    expect(await main(['report', missing], io.ctx)).toBe(2);
    expect(io.err()).toContain(`cannot read run record ${join(missing, 'run.json')}: no such file`);
    expect(io.err()).not.toContain('run.json/run.json');
  });
  it('reproduces an --allow-unknown verdict from the record in every format', async () => {
    const record = reportRecord();
    record.gates = record.gates.filter((g) => g.verdict !== 'fail');
    record.environment.allowUnknown = true;
    const dir = saved(record);
    const io = context();
    expect(await main(['report', dir, '--format', 'terminal,md,html,junit'], io.ctx)).toBe(0);
    const allowed = 'all gates passed (1 unknown, allowed by --allow-unknown)';
    expect(io.out()).toContain(`PASS: ${allowed}`);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(`**PASS**: ${allowed}.`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`PASS: ${allowed}.`);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('skipped="1"');
  });
  it('exits 2 for an unknown format', async () => {
    expect(await main(['report', saved(), '--format', 'pdf'], context().ctx)).toBe(2);
  });
});

describe('flashcrowd compare', () => {
  const a = reportRecord();
  const b = reportRecord({ runId: 'slower' });
  b.latencyMs.overall = { ...b.latencyMs.overall!, p99: 207 };

  it('shows deltas and exits 1 when a regression limit is exceeded', async () => {
    const io = context();
    expect(await main(['compare', saved(a), saved(b), '--max-regression', 'p99=10%'], io.ctx)).toBe(
      1,
    );
    expect(io.out()).toMatch(/latency p99 .*180 ms .*207 ms .*\+27.0 ms \(\+15%\)/);
    expect(io.out()).toMatch(/FAIL .*p99 at most \+10%/);
  });
  it('exits 0 within the limit and writes --out files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'flashcrowd-cmp-'));
    expect(
      await main(
        ['compare', saved(a), saved(b), '--max-regression', 'p99=20%', '--out', out, '--quiet'],
        context().ctx,
      ),
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')).regressions[0].verdict).toBe(
      'pass',
    );
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain('| latency p99 |');
  });
  it('exits 2 for a limit on a request neither run has, even with --allow-unknown', async () => {
    const io = context();
    const args = ['compare', saved(a), saved(b), '--max-regression', 'p99{request=getNoet}=+50ms'];
    expect(await main([...args, '--allow-unknown'], io.ctx)).toBe(2);
    expect(io.err()).toContain('neither run has a request "getNoet" (did you mean `getNote`?)');
    expect(
      await main(
        ['compare', saved(a), saved(b), '--max-regression', 'p99{request=getNote}=+50ms'],
        context().ctx,
      ),
    ).toBe(0);
  });
  it('prints its warnings on stderr, keeping the terminal table on stdout clean', async () => {
    const other = reportRecord({ runId: 'other', profile: { name: 'needlepoint' } });
    const warning = 'warning: the runs are of different profiles';
    const io = context();
    expect(await main(['compare', saved(a), saved(other)], io.ctx)).toBe(0);
    expect(io.err()).toContain(warning);
    expect(io.out()).not.toContain('warning');
    expect(io.out()).toMatch(/latency p99/);
    const json = context();
    expect(await main(['compare', saved(a), saved(other), '--json'], json.ctx)).toBe(0);
    expect(JSON.parse(json.out()).warnings[0]).toMatch(/^the runs are of different profiles/);
    expect(json.err()).toContain(warning);
    const out = mkdtempSync(join(tmpdir(), 'flashcrowd-cmp-'));
    const quiet = context();
    expect(
      await main(['compare', saved(a), saved(other), '--out', out, '--quiet'], quiet.ctx),
    ).toBe(0);
    expect(quiet.err()).toBe('');
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain(`- ${warning}`);
  });
  it('exits 2 for --json with --format md (one of them would be ignored)', async () => {
    const io = context();
    expect(await main(['compare', saved(a), saved(b), '--format', 'md', '--json'], io.ctx)).toBe(2);
    expect(io.err()).toContain('--json with --format md');
  });
  it('exits 2 for a bad --max-regression', async () => {
    expect(
      await main(['compare', saved(a), saved(b), '--max-regression', 'p99'], context().ctx),
    ).toBe(2);
  });
});
