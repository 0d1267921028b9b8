// A traffic worker that crashes in the middle of a run: the run exits 3 and leaves a `failed`
// record (not one left `running`) of what was sent and measured until then, with a failing
// `run status` testcase in junit.xml; stderr names the crash without a stack trace. The crash is
// injected from outside the product: a module preloaded with `--import` (test/helpers). Runs the
// built CLI (`npm run build` first) against a loopback server.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const crashPreload = resolve(import.meta.dirname, '../helpers/crash-worker-after-ticks.mjs');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(1));
});
afterAll(async () => {
  await server.close();
});

/** A 30 s run of one worker, which crashes after handing over its second tick. */
function crashingRun(out: string, env: Record<string, string> = {}) {
  const profile = writeProfile(`
name: crashed
load: { phases: [ { duration: 30s, rate: 20 } ] }
requests: [ { name: get, path: /things } ]
`);
  return runCli(
    ['run', profile, '--target', server.url, '--out', out, '--quiet', '--workers', '1'],
    { env: { NODE_OPTIONS: `--import=${crashPreload}`, ...env } },
  );
}

describe('a worker that crashes mid-run', () => {
  it('exits 3 with a failed record of the seconds measured before the crash', async () => {
    const out = tempDir();
    const run = await crashingRun(out);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('error: worker 0 crashed: injected crash');
    expect(run.stderr).toContain('FLASHCROWD_DEBUG=1');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      status: string;
      statusReason: string;
      endedAt: string | null;
      totals: { sent: number };
      timeline: { sent: number }[];
    };
    expect(record.status).toBe('failed');
    expect(record.statusReason).toBe('worker 0 crashed: injected crash');
    expect(record.endedAt).not.toBeNull();
    // Two ticks were handed over before the crash: at least one whole second of 20 requests.
    expect(record.timeline.length).toBeGreaterThanOrEqual(1);
    const timelineSent = record.timeline.reduce((s, e) => s + e.sent, 0);
    expect(timelineSent).toBeGreaterThanOrEqual(20);
    expect(record.totals.sent).toBeGreaterThanOrEqual(timelineSent);
    expect(record.totals.sent).toBeLessThan(600); // the run did not go on to its end

    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('name="run status"');
    expect(junit).toContain('worker 0 crashed: injected crash');

    const report = await runCli(['report', out, '--format', 'terminal']);
    expect(report.code).toBe(0);
    expect(report.stdout + report.stderr).toContain('failed');
  });

  it('prints the worker stack with FLASHCROWD_DEBUG=1', async () => {
    const run = await crashingRun(tempDir(), { FLASHCROWD_DEBUG: '1' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Error: injected crash\n    at ');
    expect(run.stderr).toContain('crash-worker-after-ticks.mjs');
  });
});
