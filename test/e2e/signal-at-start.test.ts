// A Ctrl-C at the instant the run starts (run.json has just said `running`, the session's signal
// handling not yet in place) is not lost: the run stops, writes an `aborted` record and exits
// 130. Before the fix the process died by the signal with its record left `running`. The signal
// is sent from a module preloaded with `--import` (test/helpers), the moment the record is
// renamed into place. Runs the built CLI (`npm run build` first) against a loopback server.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const signalPreload = resolve(import.meta.dirname, '../helpers/signal-after-running-record.mjs');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(0));
});
afterAll(async () => {
  await server.close();
});

/**
 * runWithSignals runs a 20-second profile that gets `signals` SIGINTs as it starts, against the
 * loopback server or (`target` undefined) the embedded notes API.
 */
async function runWithSignals(signals: number, target: string | undefined) {
  const out = tempDir();
  const profile = writeProfile(`
name: start-signal
load: { phases: [ { duration: 20s, rate: 20 } ] }
requests: [ { name: list, path: /notes } ]
`);
  const where = target === undefined ? [] : ['--target', target];
  const run = await runCli(['run', profile, ...where, '--out', out, '--quiet'], {
    env: { NODE_OPTIONS: `--import=${signalPreload}`, SIGNALS_AFTER_RUNNING: String(signals) },
  });
  const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
    status: string;
    statusReason: string;
    totals: { sent: number };
  };
  return { exit: { code: run.code, signal: run.signal }, record };
}

describe('a signal at the start of the traffic', () => {
  it('stops the run with an aborted record and exit 130', async () => {
    const { exit, record } = await runWithSignals(1, server.url);
    expect(exit).toEqual({ code: 130, signal: null });
    expect(record.status).toBe('aborted');
    // The signal came before the first request or during the first second; never a whole run.
    expect(record.totals.sent).toBeLessThan(100);
  });

  // The embedded target's CPU meter makes the run wait for its child process between the
  // `running` record and the session's handlers: on a quiet machine the two signals arrive then
  // (the build before the fix left the record `running`). On a busy one the child's answer may
  // be read first, and the session, its handlers in place, takes both: aborted all the same.
  // test/cli/run/early-signals.test.ts checks the hook itself, whatever the timing.
  it('quits at once on a second signal, leaving an aborted record, not a running one', async () => {
    const { exit, record } = await runWithSignals(2, undefined);
    expect(exit).toEqual({ code: 130, signal: null });
    expect(record.status).toBe('aborted');
    expect([
      'SIGINT twice before the start: exited at once',
      'SIGINT twice: exited at once',
    ]).toContain(record.statusReason);
    expect(record.totals.sent).toBeLessThan(100);
  });
});
