/**
 * Test certificates made with `openssl` in a fresh temporary folder: a CA, a server certificate
 * for localhost and 127.0.0.1, one for `flashcrowd.test` only (to test servername), and a client
 * certificate (mutual TLS), all signed by the CA. P-256 keys, valid for two days. Paths are PEM files.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './run-profile.js';

export interface TestCerts {
  dir: string;
  ca: string;
  server: { cert: string; key: string };
  namedServer: { cert: string; key: string };
  client: { cert: string; key: string };
  /** readPem returns a file's contents (for node:https options). */
  read(path: string): string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function issue(dir: string, name: string, subject: string, san?: string): void {
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, san ? `subjectAltName=${san}\n` : 'extendedKeyUsage=clientAuth\n');
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
}

/** makeTestCerts writes every certificate and key into a new temporary folder. */
export function makeTestCerts(): TestCerts {
  const dir = tempDir('flashcrowd-certs-');
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=flashcrowd test CA',
  ]);
  issue(dir, 'server', '/CN=localhost', 'DNS:localhost,IP:127.0.0.1');
  issue(dir, 'named', '/CN=flashcrowd.test', 'DNS:flashcrowd.test');
  issue(dir, 'client', '/CN=flashcrowd client');
  const at = (f: string) => join(dir, f);
  return {
    dir,
    ca: at('ca.pem'),
    server: { cert: at('server.pem'), key: at('server.key') },
    namedServer: { cert: at('named.pem'), key: at('named.key') },
    client: { cert: at('client.pem'), key: at('client.key') },
    read: (path) => readFileSync(path, 'utf8'),
  };
}
