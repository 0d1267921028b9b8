// Issue 11 item 7: no output file or printed line of a run against http://u:secret@... contains
// `secret`; the credentials are sent as Basic auth. Runs the built CLI (`npm run build` first).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/profile/redact-url.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile, type CliResult } from '../helpers/run-profile.js';

let server: TestServer;
const authorizations = new Set<string | undefined>();
beforeAll(async () => {
  server = await startTestServer((req, res) => {
    authorizations.add(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"n1"}');
  });
});
afterAll(async () => {
  await server.close();
});

const PROFILE = (extra = '') => `
name: creds
${extra}
load: { phases: [ { duration: 1s, rate: 10 } ] }
requests: [ { name: get, path: "/things?limit=5&token=secret-in-path" } ]
`;

/** Every file under `dir` and every printed line, as one text to search. */
function everything(dir: string, results: CliResult[]): string {
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((f) =>
      statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)],
    );
  return [
    ...files(dir).map((f) => `${f}\n${readFileSync(f, 'utf8')}`),
    ...results.map((r) => r.stdout + r.stderr),
  ].join('\n');
}

describe('secrets in target URLs', () => {
  it('redacts userinfo and secret query values everywhere and sends Basic auth', async () => {
    const out = tempDir();
    const target = server.url.replace('http://', 'http://u:secret@') + '/?X-Amz-Signature=secret';
    authorizations.clear();
    const run = await runCli(['run', writeProfile(PROFILE()), '--target', target, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect([...authorizations]).toEqual([`Basic ${Buffer.from('u:secret').toString('base64')}`]);
    const json = await runCli([
      'run',
      writeProfile(PROFILE()),
      `--target=${target}`,
      '--out',
      join(out, 'json'),
      '--json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const report = await runCli(['report', out, '--format', 'terminal,md,html,junit,json']);
    expect(report.code).toBe(0);
    const text = everything(out, [run, json, report]);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('secret');
  });

  it('a profile target: with a password is redacted in simulate and run records too', async () => {
    const out = tempDir();
    const profile = writeProfile(
      PROFILE(`target: ${server.url.replace('http://', 'http://u:secret@')}`),
    );
    const run = await runCli(['run', profile, '--out', join(out, 'run'), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    const sim = await runCli(['simulate', profile, '--out', join(out, 'sim')]);
    expect(sim.code, sim.stderr).toBe(0);
    expect(everything(out, [run, sim])).not.toContain('secret');
  });

  it('a request url with a password is rejected at load time, naming the path', async () => {
    const r = await runCli([
      'plan',
      writeProfile(`
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: get, url: "http://u:secret@example.test/x" } ]
`),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requests[0].url: holds a user:password');
    expect(r.stderr).not.toContain('secret');
  });
});

describe('redactUrl', () => {
  it.each([
    ['http://u:p@h:1/x', 'http://[redacted]@h:1/x'],
    ['https://h/x?limit=5&token=abc&k=1', 'https://h/x?limit=5&token=[redacted]&k=1'],
    [
      '/x?X-Amz-Credential=a&X-Amz-Date=b#f',
      '/x?X-Amz-Credential=[redacted]&X-Amz-Date=[redacted]#f',
    ],
    ['/x?api_key={{env.KEY}}&signature=s', '/x?api_key={{env.KEY}}&signature=[redacted]'],
    ['/notes/{{noteId}}', '/notes/{{noteId}}'],
  ])('%s -> %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});
