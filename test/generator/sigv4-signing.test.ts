/**
 * SigV4 signing in the worker threads against a local verifier: the server re-signs each request
 * as it arrived (method, path, query, signed headers, body) with the key the request names and
 * compares the Authorization header, so what was signed is exactly what was sent, body hash
 * included. Credentials refreshed by the main thread reach the workers mid-run.
 * Needs `npm run build` first (worker threads run dist/generator/worker.js).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsCredentials } from '../../src/generator/aws-credentials.js';
import type { CredentialSource } from '../../src/generator/credential-feed.js';
import type { TransportSettings } from '../../src/generator/transport-settings.js';
import { profileFrom } from '../helpers/run-profile.js';
import { verifySigV4, type Verdict } from '../helpers/sigv4-verifier.js';
import { runGenerator } from './run-generator.js';

const scope = { service: 'execute-api', region: 'eu-west-1' };
const keyA: AwsCredentials = { accessKeyId: 'AKIDAAAA', secretAccessKey: 'secret-a' };
const keyB: AwsCredentials = {
  accessKeyId: 'ASIABBBB',
  secretAccessKey: 'secret-b',
  sessionToken: 'token-b',
};
const secrets = new Map([keyA, keyB].map((k) => [k.accessKeyId, k]));

/** A server that verifies every request's SigV4 signature and remembers what it saw. */
async function startVerifier(
  onSeen: (count: number) => void = () => {},
): Promise<{ url: string; seen: Verdict[]; server: Server }> {
  const seen: Verdict[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      void verifySigV4(arrived, scope, secrets).then((s) => {
        seen.push(s);
        onSeen(seen.length);
        res.writeHead(s.valid ? 200 : 403).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

/** A credential source whose refresh the test triggers. */
function manualSource(first: AwsCredentials) {
  let current = first;
  const listeners = new Set<(c: AwsCredentials) => void>();
  const source: CredentialSource = {
    current: () => current,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const refresh = (next: AwsCredentials) => {
    current = next;
    for (const l of listeners) l(next);
  };
  return { source, refresh };
}

const transport: TransportSettings = { tls: { insecure: false }, http2: false, sigv4: scope };

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('aws-sigv4 signing in the workers', () => {
  it('signs every request, body hash and query included, so a verifier accepts all of them', async () => {
    const verifier = await startVerifier();
    server = verifier.server;
    const profile = profileFrom(`
name: signed
load: { phases: [ { duration: 2s, rate: 20 } ] }
requests:
  - { name: create, method: POST, path: "/notes?tag=a%20b&x=1", json: { title: "{{words 3}}" } }
  - { name: read, path: /notes/one, headers: { x-trace: abc } }
`);
    const { source } = manualSource(keyA);
    const { record } = await runGenerator(profile, verifier.url, {
      transportSettings: transport,
      credentials: source,
    });
    expect(record.totals.sent).toBe(40);
    expect(record.totals.byStatus).toEqual({ '200': 40 });
    expect(verifier.seen).toHaveLength(40);
    expect(verifier.seen.every((s) => s.valid && s.bodyHashOk && s.keyId === 'AKIDAAAA')).toBe(
      true,
    );
    const posted = verifier.seen.find((s) => s.signedHeaders.includes('content-type'));
    expect(posted?.signedHeaders).toEqual(
      expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date']),
    );
  });

  it('signs with refreshed credentials (session token included) once the main thread refreshes them', async () => {
    const { source, refresh } = manualSource(keyA);
    const verifier = await startVerifier((count) => {
      if (count === 15) refresh(keyB);
    });
    server = verifier.server;
    const profile = profileFrom(`
name: refreshed
load: { phases: [ { duration: 2s, rate: 20 } ] }
requests: [ { name: read, path: /r } ]
`);
    const { record } = await runGenerator(profile, verifier.url, {
      workers: 1,
      transportSettings: transport,
      credentials: source,
    });
    expect(record.totals.sent).toBe(40);
    expect(record.totals.byStatus).toEqual({ '200': 40 });
    const keys = verifier.seen.map((s) => s.keyId);
    const firstB = keys.indexOf('ASIABBBB');
    expect(firstB).toBeGreaterThanOrEqual(15);
    expect(keys.slice(0, firstB).every((k) => k === 'AKIDAAAA')).toBe(true);
    expect(keys.slice(firstB).every((k) => k === 'ASIABBBB')).toBe(true);
  });
});
