/**
 * TLS and HTTP/2 options of `flashcrowd run` against real local HTTPS servers with certificates
 * made by the test (openssl): --ca and tls.ca, --insecure, mutual TLS (--cert/--key), servername,
 * --http2; no Node warning (DEP0123 for an IP servername) reaches the user; bad TLS input exits 2
 * naming the flag or key. Needs `npm run build` first.
 */
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { createSecureServer, type Http2ServerRequest } from 'node:http2';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';
import { verifySigV4, type Verdict } from '../helpers/sigv4-verifier.js';
import { makeTestCerts, type TestCerts } from '../helpers/test-certs.js';

interface Seen {
  httpVersion: string;
  servername: string | false | null | undefined;
  clientAuthorized: boolean;
}

interface TlsServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

function remember(seen: Seen[], req: IncomingMessage | Http2ServerRequest): void {
  const socket = req.socket as TLSSocket;
  seen.push({
    httpVersion: req.httpVersion,
    servername: socket.servername,
    clientAuthorized: socket.authorized,
  });
}

async function listen(
  server: ReturnType<typeof createHttpsServer> | ReturnType<typeof createSecureServer>,
  seen: Seen[],
): Promise<TlsServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startHttps(options: ServerOptions): Promise<TlsServer> {
  const seen: Seen[] = [];
  const server = createHttpsServer({ ...options, keepAliveTimeout: 60_000 }, (req, res) => {
    remember(seen, req);
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  return listen(server, seen);
}

/** An HTTPS server speaking HTTP/2 (and 1.1); with `verify`, 403 for a bad SigV4 signature. */
async function startHttp2(
  certs: TestCerts,
  verify?: (req: Http2ServerRequest, body: string) => Promise<boolean>,
): Promise<TlsServer> {
  const seen: Seen[] = [];
  const server = createSecureServer(
    {
      key: certs.read(certs.server.key),
      cert: certs.read(certs.server.cert),
      allowHTTP1: true,
    },
    (req, res) => {
      remember(seen, req);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        void (verify ? verify(req, body) : Promise.resolve(true)).then((ok) =>
          res.writeHead(ok ? 200 : 403).end('{"ok":true}'),
        );
      });
    },
  );
  return listen(server, seen);
}

const profile = (extra = '') => `
name: tls
load: { phases: [ { duration: 1s, rate: 10 } ] }
requests: [ { name: get, path: /things } ]
${extra}
`;

async function run(
  target: string,
  flags: string[],
  yaml = profile(),
  dir = tempDir(),
  env: Record<string, string> = {},
) {
  const out = join(dir, 'out');
  const args = ['run', writeProfile(yaml, dir), '--target', target, '--out', out, ...flags];
  const r = await runCli(args, { env });
  return { r, out, record: () => readValidRecord(out) };
}

/** Nothing Node prints as a warning (DeprecationWarning DEP0123, TLS warnings) reaches stderr. */
function expectNoWarnings(stderr: string): void {
  expect(stderr).not.toMatch(/Warning|DEP0\d+/);
}

let certs: TestCerts;
let plain: TlsServer;
let mutual: TlsServer;
let named: TlsServer;
let h2: TlsServer;

beforeAll(async () => {
  certs = makeTestCerts();
  const server = { key: certs.read(certs.server.key), cert: certs.read(certs.server.cert) };
  plain = await startHttps(server);
  mutual = await startHttps({
    ...server,
    ca: certs.read(certs.ca),
    requestCert: true,
    rejectUnauthorized: true,
  });
  named = await startHttps({
    key: certs.read(certs.namedServer.key),
    cert: certs.read(certs.namedServer.cert),
  });
  h2 = await startHttp2(certs);
});
afterAll(async () => {
  await Promise.all([plain, mutual, named, h2].map((s) => s?.close()));
});

describe('TLS options of run', () => {
  it('trusts a CA given with --ca: every request is 200 over TLS, with no Node warning', async () => {
    const before = plain.seen.length;
    const { r, record } = await run(plain.url, ['--ca', certs.ca]);
    expect(r.code).toBe(0);
    expect(record().totals.byStatus).toEqual({ '200': 10 });
    expect(plain.seen.length - before).toBe(10);
    expectNoWarnings(r.stderr);
  });

  it('fails every request on an untrusted certificate without --ca, and --insecure accepts it', async () => {
    const untrusted = await run(plain.url, []);
    expect(untrusted.r.code).toBe(0);
    const totals = untrusted.record().totals;
    expect(totals.errors).toBe(10);
    expect(Object.keys(totals.byError)).toEqual(['UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
    const insecure = await run(plain.url, ['--insecure']);
    expect(insecure.record().totals.byStatus).toEqual({ '200': 10 });
    expectNoWarnings(insecure.r.stderr);
  });

  it('reads tls.ca from the profile, relative to the profile file', async () => {
    const dir = tempDir();
    copyFileSync(certs.ca, join(dir, 'my-ca.pem'));
    const { r, record } = await run(plain.url, [], profile('tls: { ca: my-ca.pem }'), dir);
    expect(r.code).toBe(0);
    expect(record().totals.byStatus).toEqual({ '200': 10 });
  });

  it('presents a client certificate with --cert and --key (mutual TLS); without them the server refuses', async () => {
    const before = mutual.seen.length;
    const withCert = await run(mutual.url, [
      '--ca',
      certs.ca,
      '--cert',
      certs.client.cert,
      '--key',
      certs.client.key,
    ]);
    expect(withCert.record().totals.byStatus).toEqual({ '200': 10 });
    const seen = mutual.seen.slice(before);
    expect(seen).toHaveLength(10);
    expect(seen.every((s) => s.clientAuthorized)).toBe(true);
    const without = await run(mutual.url, ['--ca', certs.ca]);
    expect(without.record().totals.ok).toBe(0);
    expect(without.record().totals.errors).toBe(10);
    expect(mutual.seen.length - before).toBe(10);
  });

  it('sends --servername as SNI and checks the certificate against it', async () => {
    const before = named.seen.length;
    const { r, record } = await run(named.url, [
      '--ca',
      certs.ca,
      '--servername',
      'flashcrowd.test',
    ]);
    expect(r.code).toBe(0);
    expect(record().totals.byStatus).toEqual({ '200': 10 });
    expect(named.seen.slice(before).every((s) => s.servername === 'flashcrowd.test')).toBe(true);
    const mismatch = await run(named.url, ['--ca', certs.ca]);
    expect(mismatch.record().totals.byError).toEqual({ ERR_TLS_CERT_ALTNAME_INVALID: 10 });
  });

  it('speaks HTTP/2 with --http2 (ALPN) and HTTP/1.1 without it', async () => {
    const before = h2.seen.length;
    const two = await run(h2.url, ['--ca', certs.ca, '--http2']);
    expect(two.record().totals.byStatus).toEqual({ '200': 10 });
    expect(h2.seen.slice(before).map((s) => s.httpVersion)).toEqual(Array(10).fill('2.0'));
    expectNoWarnings(two.r.stderr);
    const mid = h2.seen.length;
    const one = await run(h2.url, ['--ca', certs.ca]);
    expect(one.record().totals.byStatus).toEqual({ '200': 10 });
    expect(h2.seen.slice(mid).map((s) => s.httpVersion)).toEqual(Array(10).fill('1.1'));
  });
});

describe('signing over HTTPS and HTTP/2, as for a Lambda function URL', () => {
  it('signs every request (body hash included) over HTTP/2 and a verifier accepts all of them', async () => {
    const key = { accessKeyId: 'AKIDFUNCTIONURL', secretAccessKey: 'function-url-secret' };
    const scope = { service: 'lambda', region: 'us-east-1' };
    const verdicts: Verdict[] = [];
    const server = await startHttp2(certs, async (req, body) => {
      const arrived = { method: req.method, url: req.url, headers: req.headers, body };
      const verdict = await verifySigV4(arrived, scope, new Map([[key.accessKeyId, key]]));
      verdicts.push(verdict);
      return verdict.valid && verdict.bodyHashOk;
    });
    try {
      const yaml = `
name: function-url
load: { phases: [ { duration: 1s, rate: 10 } ] }
requests: [ { name: create, method: POST, path: /notes, json: { title: "{{words 3}}" } } ]
auth: { type: aws-sigv4, service: lambda, region: us-east-1 }
`;
      const dir = tempDir();
      const { r, record } = await run(server.url, ['--ca', certs.ca, '--http2'], yaml, dir, {
        AWS_PROFILE: '',
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_SESSION_TOKEN: '',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      expect(r.code).toBe(0);
      expect(record().totals.byStatus).toEqual({ '200': 10 });
      expect(verdicts).toHaveLength(10);
      expect(verdicts.every((v) => v.valid && v.bodyHashOk)).toBe(true);
      expect(server.seen.map((s) => s.httpVersion)).toEqual(Array(10).fill('2.0'));
      expect(r.stderr).not.toContain(key.secretAccessKey);
      expectNoWarnings(r.stderr);
    } finally {
      await server.close();
    }
  });
});

describe('bad TLS input exits 2 before anything is sent, naming the flag or key', () => {
  it('--ca naming a missing file', async () => {
    const before = plain.seen.length;
    const missing = join(tempDir(), 'nope.pem');
    const { r, out } = await run(plain.url, ['--ca', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--ca: ${missing}: file not found`);
    expect(existsSync(out)).toBe(false);
    expect(plain.seen.length).toBe(before);
  });

  it('tls.ca naming a missing file', async () => {
    const { r } = await run(plain.url, [], profile('tls: { ca: missing-ca.pem }'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tls\.ca in .*profile\.yaml: .*missing-ca\.pem: file not found/);
  });

  it('--cert without --key, a file that is not PEM, and --http2 against an http:// target', async () => {
    const noKey = await run(plain.url, ['--cert', certs.client.cert]);
    expect(noKey.r.code).toBe(2);
    expect(noKey.r.stderr).toContain('give both --cert and --key');
    const dir = tempDir();
    const notPem = join(dir, 'profile.yaml');
    const garbage = await run(plain.url, ['--ca', notPem], profile(), dir);
    expect(garbage.r.code).toBe(2);
    expect(garbage.r.stderr).toContain('not a PEM file');
    const http = await run('http://127.0.0.1:9', ['--http2']);
    expect(http.r.code).toBe(2);
    expect(http.r.stderr).toContain('https:// targets only');
  });
});
