/**
 * A profile with `auth: aws-sigv4` run on the embedded target, which verifies no signature: with
 * no AWS credentials configured it is signed with fixed dummy credentials and says so once on
 * stderr; a real target still needs real credentials (exit 2, nothing sent). Runs the built CLI.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { ok, startTestServer, type TestServer } from '../helpers/test-server.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(ok(0));
});
afterAll(async () => {
  await server.close();
});

const SIGNED = `
name: signed
load: { phases: [ { duration: 1s, rate: 10 } ] }
requests: [ { name: list, path: '/notes?limit=5' } ]
auth: { type: aws-sigv4, service: execute-api, region: us-east-1 }
gates: [ "http.error_rate < 1%" ]
`;

/** An environment in which the default credential chain finds nothing (and asks no network). */
function noCredentials(dir: string): Record<string, string> {
  return {
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

const DUMMY =
  'auth: aws-sigv4: no AWS credentials found; the embedded target verifies no signature, so requests are signed with fixed dummy credentials (a real target needs real ones)';

describe('auth: aws-sigv4 without AWS credentials', () => {
  it('on the embedded target: signed with dummy credentials, said once, exit 0', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = await runCli(['run', writeProfile(SIGNED, dir), '--out', out], {
      env: noCredentials(dir),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split(`warning: ${DUMMY}\n`)).toHaveLength(2);
    const record = readValidRecord(out);
    expect(record.totals).toMatchObject({ sent: 10, ok: 10, errors: 0 });
    expect(record.warnings).toContain(DUMMY);
  });

  it('against a real target: exit 2 with the chain error, nothing sent', async () => {
    const dir = tempDir();
    const before = server.received();
    const r = await runCli(
      ['run', writeProfile(SIGNED, dir), '--target', server.url, '--out', join(dir, 'out')],
      { env: noCredentials(dir) },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('auth: aws-sigv4: no AWS credentials found');
    expect(r.stderr).toContain('AWS_ACCESS_KEY_ID');
    expect(r.stderr).not.toContain('dummy');
    expect(server.received()).toBe(before);
  });
});
