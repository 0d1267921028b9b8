// Issue 11 item 5, "must hold": kill -9 in the middle of a run, then `report`: it shows the
// requests the timeline holds, says the record is incomplete, and its JUnit file has a failure.
// Runs the built CLI (`npm run build` first) against a loopback server.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(1));
});
afterAll(async () => {
  await server.close();
});

async function timelineLines(dir: string, n: number): Promise<void> {
  const path = join(dir, 'timeline.ndjson');
  for (let i = 0; i < 300; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').split('\n').length > n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run wrote no timeline');
}

describe('kill -9 in the middle of a run', () => {
  it('report rebuilds it from the timeline as incomplete, and JUnit fails it', async () => {
    const out = tempDir();
    const profile = writeProfile(`
name: killed
load: { phases: [ { duration: 30s, rate: 20 } ] }
requests: [ { name: get, path: /things } ]
gates: [ "http.error_rate < 1%" ]
`);
    const flags = ['--gate', 'generator.dropped == 0', '--gate=http.aborted == 0'];
    const run = await runCli(
      ['run', profile, '--target', server.url, '--out', out, '--quiet', ...flags],
      {
        onStart: (child) => void timelineLines(out, 2).then(() => child.kill('SIGKILL')),
      },
    );
    expect(run.signal).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('running');
    const timeline = readFileSync(join(out, 'timeline.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { sent: number }];
        } catch {
          return [];
        }
      });
    const sent = timeline.reduce((s, e) => s + e.sent, 0);
    expect(sent).toBeGreaterThanOrEqual(40);

    const report = await runCli(['report', out, '--format', 'terminal,md,html,junit']);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('was left running');
    expect(report.stdout).toContain('incomplete');
    expect(report.stdout).toContain('This record is incomplete');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/failures="[1-9]/);
    expect(junit).toContain('name="run status"');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('This record is incomplete');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('This record is incomplete');

    const json = await runCli(['report', out, '--format', 'json']);
    const record = JSON.parse(json.stdout) as {
      status: string;
      totals: { sent: number };
      gates: Array<{ expr: string; verdict: string }>;
    };
    expect(record.status).toBe('incomplete');
    expect(record.totals.sent).toBe(sent);
    // The profile's gate, then the command line's --gate flags, judged on the timeline.
    expect(record.gates).toEqual([
      expect.objectContaining({ expr: 'http.error_rate < 1%', verdict: 'pass' }),
      expect.objectContaining({ expr: 'generator.dropped == 0', verdict: 'pass' }),
      expect.objectContaining({ expr: 'http.aborted == 0' }),
    ]);

    const compare = await runCli(['compare', out, out]);
    expect(compare.stderr).toContain('warning: run A');
    expect(compare.stderr).toContain('is incomplete');
    expect(compare.stdout).not.toContain('warning');
  });
});
