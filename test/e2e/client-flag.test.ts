/**
 * `run --client lean|undici`: both clients send the same requests and count them alike (the
 * server tells them apart by the order of the header fields they write: undici writes `host`
 * first, the lean client after the request's own headers); a bad value and `--client lean` with
 * HTTP/2 exit 2 naming the flag; the record names the client. Needs `npm run build` first.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const profile = `
name: client-flag
load: { phases: [ { duration: 1s, rate: 20 } ] }
requests:
  - { name: get, path: /things, headers: { x-probe: "1" } }
  - { name: post, method: POST, path: /things, json: { title: "{{words 2}}" } }
`;

let firstHeaders: string[] = [];
let url = '';
const server = createServer((req, res) => {
  firstHeaders.push(req.rawHeaders[0].toLowerCase());
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(flags: string[], target = url) {
  const dir = tempDir();
  const out = join(dir, 'out');
  const r = await runCli([
    'run',
    writeProfile(profile, dir),
    '--target',
    target,
    '--out',
    out,
    ...flags,
  ]);
  return { r, record: () => readValidRecord(out) };
}

describe('run --client', () => {
  it('sends through the lean client by default and with --client lean, through undici with --client undici', async () => {
    const lean = ['content-type', 'x-probe']; // POST's json header or GET's x-probe come first
    for (const [flags, firsts, client] of [
      [[], lean, 'lean'],
      [['--client', 'lean'], lean, 'lean'],
      [['--client', 'undici'], ['host'], 'undici'],
    ] as const) {
      firstHeaders = [];
      const { r, record } = await run([...flags, '--seed', '3']);
      expect(r.code).toBe(0);
      expect(record().environment.client).toBe(client);
      const totals = record().totals;
      expect(totals.sent).toBe(20);
      expect(totals.byStatus).toEqual({ '200': 20 });
      expect(firstHeaders).toHaveLength(20);
      expect([...new Set(firstHeaders)].sort()).toEqual(firsts);
    }
  });

  it('refuses a bad value and --client lean with HTTP/2, exit 2 naming the flag', async () => {
    const bad = await run(['--client', 'curl']);
    expect(bad.r.code).toBe(2);
    expect(bad.r.stderr).toContain('--client must be one of lean, undici (got "curl")');
    const h2 = await run(['--client', 'lean', '--http2'], 'https://127.0.0.1:9');
    expect(h2.r.code).toBe(2);
    expect(h2.r.stderr).toContain('--client lean speaks HTTP/1.1 only');
  });
});
