/**
 * A profile the generator cannot keep up with (10^12 req/s for 3 s) against a real loopback
 * server: arrivals later than maxLateness are dropped and counted as dropped.late, the run ends
 * within the schedule + grace + 2 s of its start instant, and timeline.ndjson gets one line a
 * second, written while the run goes. Needs `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok());
});
afterAll(async () => {
  await server.close();
});

const lines = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];

describe('a generator that cannot keep up', () => {
  it('drops late arrivals, says so once, writes the timeline as it goes and ends on time', async () => {
    const out = tempDir();
    const profile = writeProfile(`
name: saturated
load: { phases: [ { duration: 3s, rate: 1000000000000 } ] }
requests: [ { name: get, path: /things } ]
`);
    const timeline = join(out, 'timeline.ndjson');
    let linesWhileRunning = 0;
    let exitedAtMs = 0;
    const r = await runCli(
      [
        'run',
        profile,
        '--target',
        server.url,
        '--out',
        out,
        '--grace',
        '2s',
        '--timeout',
        '2s',
        '--force', // past the plan ceiling (issue 11): this test means to saturate the generator
      ],
      {
        timeoutMs: 60_000,
        onStart: (child) => {
          const poll = setInterval(() => {
            linesWhileRunning = Math.max(linesWhileRunning, lines(timeline).length);
          }, 100);
          child.on('exit', () => {
            exitedAtMs = Date.now();
            clearInterval(poll);
          });
        },
      },
    );
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.status).toBe('completed');
    const t = record.totals;
    expect(t.planned).toBe(3e12);
    expect(t.sent).toBeGreaterThan(0);
    expect(t.dropped).toBe(t.planned - t.sent);
    // Most are late; a client fast enough to hand 10,000 requests to a slower server also meets
    // the in-flight cap (maxInFlight 10,000), and those drops are counted apart.
    const by = t.droppedBy ?? { inFlight: 0, late: 0 };
    expect(by.inFlight + by.late).toBe(t.dropped);
    expect(by.late).toBeGreaterThan(by.inFlight);
    expect(t.completed).toBe(t.sent);
    const warnings = r.stderr.match(/cannot keep up/g) ?? [];
    expect(warnings).toHaveLength(1);
    expect(record.warnings.filter((w) => w.includes('cannot keep up'))).toHaveLength(1);
    // Schedule (3 s) + grace (2 s) + 2 s, from the shared start instant to the process exit.
    expect(exitedAtMs - Date.parse(record.startedAt)).toBeLessThan(7000);
    const written = lines(timeline).map((l) => JSON.parse(l) as { second: number });
    expect(written.map((e) => e.second)).toEqual([0, 1, 2]);
    expect(record.timeline.map((e) => e.droppedBy?.late ?? 0).every((n) => n > 0)).toBe(true);
    expect(linesWhileRunning).toBeGreaterThanOrEqual(1);
  });
});
