/**
 * SigV4 signing against a real verifier: moto_server with INITIAL_NO_AUTH_ACTION_COUNT checks
 * the signature of every request after the first few (the IAM setup). A signed `GET /` to S3
 * (ListBuckets) must get 200 with the right key, with session credentials from a shared
 * credentials file profile, and 403 SignatureDoesNotMatch with a wrong secret; no secret,
 * session token or signature may appear in any output. Needs `npm run build` first.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile, type CliResult } from '../helpers/run-profile.js';
import {
  announceMotoSkip,
  inCi,
  motoCredentials,
  motoInstalled,
  startMoto,
  type Moto,
} from '../collector/moto.js';

announceMotoSkip('test/e2e/sigv4-moto.test.ts');

it.runIf(inCi)('moto_server is installed (required under CI=true)', () => {
  expect(motoInstalled).toBe(true);
});

/** The IAM calls before authentication starts: user, its policy, role, its policy, key. */
const SETUP_ACTIONS = 5;

const profile = `
name: sigv4
load: { phases: [ { duration: 2s, rate: 10 } ] }
requests: [ { name: listBuckets, path: / } ]
auth: { type: aws-sigv4, service: s3, region: us-east-1 }
`;

/** An environment in which the default chain finds only what the test puts there. */
function isolatedEnv(dir: string, extra: Record<string, string>): Record<string, string> {
  return {
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** Every file the run wrote, plus its terminal output, as one string. */
function everything(out: string, r: CliResult): string {
  const files = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'));
  return [...files, r.stdout, r.stderr].join('\n');
}

function expectNoSecrets(text: string, secrets: string[]): void {
  for (const s of secrets) expect(text).not.toContain(s);
  expect(text).not.toMatch(/Signature=|AWS4-HMAC-SHA256|x-amz-security-token:|x-amz-date:/i);
}

describe.skipIf(!motoInstalled)('aws-sigv4 signing against moto S3', () => {
  let moto: Moto;
  let key: { id: string; secret: string };
  let session: { id: string; secret: string; token: string };

  beforeAll(async () => {
    moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_ACTIONS) });
    const config = { endpoint: moto.endpoint, region: 'us-east-1', credentials: motoCredentials };
    const iam = new IAMClient(config);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sts:AssumeRole'], Resource: '*' }],
    });
    await iam.send(new CreateUserCommand({ UserName: 'loader' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'loader', PolicyName: 's3', PolicyDocument: policy }),
    );
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    });
    const role = await iam.send(
      new CreateRoleCommand({ RoleName: 'loader-role', AssumeRolePolicyDocument: trust }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'loader-role',
        PolicyName: 's3',
        PolicyDocument: policy,
      }),
    );
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: 'loader' }));
    key = { id: created.AccessKey!.AccessKeyId!, secret: created.AccessKey!.SecretAccessKey! };
    // From here on moto authenticates: AssumeRole itself is a signed, verified call.
    const sts = new STSClient({
      ...config,
      credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    });
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'flashcrowd' }),
    );
    const c = assumed.Credentials!;
    session = { id: c.AccessKeyId!, secret: c.SecretAccessKey!, token: c.SessionToken! };
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const run = async (env: Record<string, string>) => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = await runCli(
      ['run', writeProfile(profile, dir), '--target', moto.endpoint, '--out', out],
      {
        env: isolatedEnv(dir, env),
      },
    );
    return { r, out, dir };
  };

  it('gets 200 for every request signed with the right key from the environment', async () => {
    const { r, out } = await run({ AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret });
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.sent).toBe(20);
    expect(record.totals.byStatus).toEqual({ '200': 20 });
    expectNoSecrets(everything(out, r), [key.secret]);
    expect(r.stderr).not.toMatch(/Warning/);
  });

  it('signs with session credentials from a shared credentials file profile (token included)', async () => {
    const dir = tempDir();
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      `[loadtest]\naws_access_key_id = ${session.id}\naws_secret_access_key = ${session.secret}\n` +
        `aws_session_token = ${session.token}\n`,
    );
    const out = join(dir, 'out');
    const r = await runCli(
      ['run', writeProfile(profile, dir), '--target', moto.endpoint, '--out', out],
      {
        env: isolatedEnv(dir, {
          AWS_PROFILE: 'loadtest',
          AWS_SHARED_CREDENTIALS_FILE: credentials,
        }),
      },
    );
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.byStatus).toEqual({ '200': 20 });
    expectNoSecrets(everything(out, r), [session.secret, session.token]);
    expect(r.stderr).not.toMatch(/Warning/);
  });

  it('gets 403 for every request signed with a wrong secret', async () => {
    const wrong = `${key.secret.slice(0, -4)}XXXX`;
    const { r, out } = await run({ AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: wrong });
    expect(r.code).toBe(0);
    const record = readValidRecord(out);
    expect(record.totals.sent).toBe(20);
    expect(record.totals.byStatus).toEqual({ '403': 20 });
    expectNoSecrets(everything(out, r), [wrong, key.secret]);
  });

  it('exits 2 before sending anything when no credentials are found, saying where it looked', async () => {
    const { r, out } = await run({});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no AWS credentials found');
    expect(r.stderr).toContain('AWS_ACCESS_KEY_ID');
    expect(r.stderr).toContain('no-credentials');
    expect(r.stderr).toContain('EC2 instance metadata');
    expect(readdirSync(join(out, '..'))).not.toContain('out');
  });
});
