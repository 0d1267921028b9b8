/**
 * The built CLI in a real pseudo-terminal 80 columns wide (util-linux `script`), against a
 * loopback server at a constant 1,000 req/s: no line of the live view (nor of the summary after
 * it) is longer than 80 characters, the rate it shows is that second's rate (within 5% of 1,000 every second after
 * the first), and with NO_COLOR=1 (or --no-color) nothing written contains an escape sequence.
 * Skipped loudly without `script`; fails under CI=true.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { ANSI_PATTERN } from '../../src/report/text-style.js';
import { binPath, repoRoot, tempDir, writeProfile } from '../helpers/run-profile.js';

const SCRIPT = '/usr/bin/script';
const haveScript = existsSync(SCRIPT);
if (!haveScript) {
  const message = `\n!!! SKIPPING the pseudo-terminal test: ${SCRIPT} is missing (apt-get install -y bsdutils) !!!\n`;
  process.stderr.write(message);
  if (process.env.CI === 'true') throw new Error(`${message}(CI=true: script is required)`);
}

let server: TestServer;
let slow: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(0));
  slow = await startTestServer(ok(200));
});
afterAll(async () => {
  await server.close();
  await slow.close();
});

/** Runs the CLI inside `script` with an 80x30 terminal; resolves to everything the pty showed. */
function inPty(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const quoted = [process.execPath, binPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  const command = `stty cols 80 rows 30; exec ${quoted.join(' ')}`;
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, CI: '' };
  delete childEnv.FORCE_COLOR;
  if (!('NO_COLOR' in env)) delete childEnv.NO_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
      cwd: repoRoot,
      env: childEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Bytes until the end: a chunk may end inside a multi-byte character.
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** What each write from column 0 put on screen: split at newlines and carriage returns. */
function screenPieces(out: string): string[] {
  return out.split(/\r?\n/).flatMap((line) => line.split('\r'));
}

const profile = (duration: string) => `
name: pty
load: { phases: [ { duration: ${duration}, rate: 1000 } ] }
requests: [ { name: get, path: /things } ]
`;

describe.skipIf(!haveScript)('live view in an 80-column pseudo-terminal', () => {
  it('never writes past 80 columns, shows each second at 1,000 req/s, and no escape with NO_COLOR=1', async () => {
    const r = await inPty(
      ['run', writeProfile(profile('6s')), '--target', server.url, '--out', tempDir()],
      { NO_COLOR: '1' },
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out.includes('\u001b'), JSON.stringify(r.out.slice(0, 400))).toBe(false);
    const pieces = screenPieces(r.out);
    // The live view and the summary after it: nothing wider than the terminal.
    for (const p of pieces) expect(p.length, JSON.stringify(p)).toBeLessThanOrEqual(80);
    const drawn = pieces
      .map((p) => /^(\d+):(\d\d)\/\d+:\d\d \| ([\d,]+)\/([\d,]+) req\/s/.exec(p))
      .filter((m) => m !== null)
      .map((m) => ({
        clockSec: Number(m[1]) * 60 + Number(m[2]),
        rate: Number(m[3].replace(/,/g, '')),
      }));
    const seconds = new Set(drawn.map((d) => d.clockSec));
    expect(seconds.size, r.out).toBeGreaterThanOrEqual(4);
    for (const d of drawn.filter((x) => x.clockSec >= 2)) {
      expect(Math.abs(d.rate - 1000), `second ${d.clockSec}`).toBeLessThanOrEqual(50);
    }
  });

  // A warning the workers send during the live view (here the in-flight cap, 130 characters)
  // is wrapped at spaces to the terminal's width, each word whole.
  it('wraps a warning printed during the live view to 80 columns, keeping words whole', async () => {
    const capped = `
name: capped
load: { phases: [ { duration: 3s, rate: 50 } ], maxInFlight: 2 }
requests: [ { name: get, path: /things } ]
`;
    const r = await inPty(
      ['run', writeProfile(capped), '--target', slow.url, '--out', tempDir(), '--workers', '1'],
      { NO_COLOR: '1' },
    );
    expect(r.code, r.out).toBe(0);
    const pieces = screenPieces(r.out);
    for (const p of pieces) expect(p.length, JSON.stringify(p)).toBeLessThanOrEqual(80);
    const start = pieces.findIndex((p) => p.startsWith('warning: maxInFlight reached'));
    expect(start, r.out).toBeGreaterThanOrEqual(0);
    const warning = pieces.slice(start, start + 3).join(' ');
    expect(warning).toContain(
      'warning: maxInFlight reached (2 in flight on one worker): arrivals are dropped and counted as generator.dropped',
    );
  });

  it('colours on a terminal by default, and --no-color turns every colour off', async () => {
    const colored = await inPty(
      ['run', writeProfile(profile('1s')), '--target', server.url, '--out', tempDir()],
      {},
    );
    expect(colored.code, colored.out).toBe(0);
    expect(colored.out).toMatch(ANSI_PATTERN);
    const plain = await inPty(
      [
        'run',
        writeProfile(profile('1s')),
        '--target',
        server.url,
        '--out',
        tempDir(),
        '--no-color',
      ],
      {},
    );
    expect(plain.code, plain.out).toBe(0);
    expect(plain.out.includes('\u001b')).toBe(false);
  });
});
