// Issue 11 item 9: `--collect aws` sent the load before it found the function missing or the
// endpoint down. Now both are probed first: exit 3, nothing sent. Real moto_server and the built CLI.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';
import {
  announceMotoSkip,
  inCi,
  motoCredentials,
  motoInstalled,
  startMoto,
  type Moto,
} from './moto.js';

announceMotoSkip('test/collector/probe-aws.moto.test.ts');

const PROFILE = `
name: probe
load: { phases: [ { duration: 2s, rate: 10 } ] }
requests: [ { name: get, path: /things } ]
aws: { region: us-east-1, functions: { get: notes-get-missing } }
`;

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

describe('the Node.js support window', () => {
  it('is stated in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('AWS SDK for JavaScript');
    expect(r.stdout).toContain('need Node.js 22');
  });
});

describe.skipIf(!motoInstalled && !inCi)('--collect aws probes before the first request', () => {
  let moto: Moto;
  let server: TestServer;
  beforeAll(async () => {
    moto = await startMoto();
    server = await startTestServer();
  });
  afterAll(async () => {
    await moto?.stop();
    await server?.close();
  });
  const env = (endpoint: string) => ({
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey,
  });

  it('a function that does not exist: exit 3, nothing sent, the function named', async () => {
    const r = await runCli(
      [
        'run',
        writeProfile(PROFILE),
        '--target',
        server.url,
        '--collect',
        'aws',
        '--out',
        tempDir(),
        '--quiet',
      ],
      { env: env(moto.endpoint) },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Lambda function notes-get-missing does not exist');
    // Item 10: the SDK's Node.js support warning is said once in --help, not on every AWS use.
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
    expect(r.stderr).toContain('nothing was sent');
    expect(server.received()).toBe(0);
  });

  it('an endpoint that is down: exit 3, nothing sent', async () => {
    const r = await runCli(
      [
        'run',
        writeProfile(PROFILE),
        '--target',
        server.url,
        '--collect',
        'aws',
        '--out',
        tempDir(),
        '--quiet',
      ],
      { env: env(`http://127.0.0.1:${await closedPort()}`) },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was sent');
    expect(server.received()).toBe(0);
  });
});
