// A Ctrl-C at the instant the run starts (run.json has just said `running`, the session's signal
// handling not yet in place) is never lost: the run stops, writes its record (not `running`)
// and exits 130. Before the fix about half of these runs died by the signal with the record
// left `running`, and some ran to the end with exit 0. Runs the built CLI (`npm run build`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { binPath, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(0));
});
afterAll(async () => {
  await server.close();
});

/** Starts a run, sends SIGINT the moment its run.json exists; resolves with how it ended. */
async function interruptAtStart(profile: string): Promise<string> {
  const out = join(tempDir(), 'run');
  const child = spawn(
    process.execPath,
    [binPath, 'run', profile, '--target', server.url, '--out', out, '--quiet'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<[number | null, string | null]>((resolve) =>
    child.on('exit', (code, signal) => resolve([code, signal])),
  );
  const record = join(out, 'run.json');
  const deadline = Date.now() + 60_000;
  await new Promise<void>((resolve, reject) => {
    const look = () => {
      if (existsSync(record)) resolve();
      else if (Date.now() > deadline) reject(new Error('the run wrote no run.json'));
      else setImmediate(look);
    };
    look();
  });
  child.kill('SIGINT');
  const [code, signal] = await exited;
  const status = (JSON.parse(readFileSync(record, 'utf8')) as { status: string }).status;
  return `exit ${code} signal ${signal} status ${status}`;
}

describe('a signal at the start of the traffic', () => {
  it('stops the run with its record written, every time', async () => {
    const profile = writeProfile(`
name: start-signal
load: { phases: [ { duration: 3s, rate: 20 } ] }
requests: [ { name: get, path: /things } ]
`);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await interruptAtStart(profile));
    expect(outcomes).toEqual(Array(6).fill('exit 130 signal null status aborted'));
  }, 120_000);
});
