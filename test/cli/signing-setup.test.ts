/**
 * resolveSigning with an injected credential provider: the region comes from auth.region, then
 * aws.region, then AWS_REGION; none is a usage error naming where to set it; a provider that finds
 * nothing is a usage error listing where the chain looked, never a secret.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resolveSigning } from '../../src/cli/run/signing-setup.js';
import { profileFrom } from '../helpers/run-profile.js';

const key = () =>
  Promise.resolve({ accessKeyId: 'AKIDTEST', secretAccessKey: 'never-printed-secret' });
const none = () => Promise.reject(new Error('Could not load credentials from any providers'));

const signed = (auth: string, aws = '') =>
  profileFrom(`
name: s
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: r, path: / } ]
auth: ${auth}
${aws}
`);

beforeEach(() => {
  // The SDK's region loader reads the process environment and the AWS config file.
  vi.stubEnv('AWS_REGION', '');
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'flashcrowd-no-such-config'));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveSigning', () => {
  it('returns nothing for a profile without auth', async () => {
    const profile = profileFrom(`
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: r, path: / } ]
`);
    expect(await resolveSigning(profile, { env: {}, onWarning: () => {}, provider: key })).toBe(
      undefined,
    );
  });

  it('takes the region from auth.region, then aws.region, then AWS_REGION', async () => {
    const o = { onWarning: () => {}, provider: key };
    const own = await resolveSigning(
      signed(
        '{ type: aws-sigv4, service: lambda, region: eu-west-1 }',
        'aws: { region: us-east-2 }',
      ),
      { ...o, env: {} },
    );
    expect(own?.scope).toEqual({ service: 'lambda', region: 'eu-west-1' });
    own?.feed.stop();
    const fromAws = await resolveSigning(
      signed('{ type: aws-sigv4, service: execute-api }', 'aws: { region: us-east-2 }'),
      { ...o, env: {} },
    );
    expect(fromAws?.scope.region).toBe('us-east-2');
    fromAws?.feed.stop();
    const fromEnv = await resolveSigning(signed('{ type: aws-sigv4, service: s3 }'), {
      ...o,
      env: { AWS_REGION: 'ap-south-1' },
    });
    expect(fromEnv?.scope.region).toBe('ap-south-1');
    expect(fromEnv?.feed.current().accessKeyId).toBe('AKIDTEST');
    fromEnv?.feed.stop();
  });

  it('is a usage error without a region, saying where to set one', async () => {
    await expect(
      resolveSigning(signed('{ type: aws-sigv4, service: s3 }'), {
        env: {},
        onWarning: () => {},
        provider: key,
      }),
    ).rejects.toThrow(/needs a region: set auth\.region or aws\.region/);
  });

  it('is a usage error without credentials, listing where the chain looked', async () => {
    const error = await resolveSigning(
      signed('{ type: aws-sigv4, service: s3, region: us-east-1 }'),
      {
        env: { HOME: '/home/u', AWS_PROFILE: 'loadtest' },
        onWarning: () => {},
        provider: none,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain('no AWS credentials found');
    expect(message).toContain('nothing was sent');
    expect(message).toContain('AWS_ACCESS_KEY_ID');
    expect(message).toContain('/home/u/.aws/credentials');
    expect(message).toContain('profile "loadtest"');
    expect(message).toContain('EC2 instance metadata');
  });

  // The embedded target verifies no signature: a fallback signs when the chain finds nothing.
  it('signs with the fallback, warning once, only when the chain finds nothing', async () => {
    const profile = signed('{ type: aws-sigv4, service: execute-api, region: us-east-1 }');
    const dummy = () => Promise.resolve({ accessKeyId: 'DUMMY', secretAccessKey: 'dummy' });
    const fallback = { provider: dummy, warning: 'signed with dummy credentials' };
    const warnings: string[] = [];
    const o = { env: {}, onWarning: (m: string) => warnings.push(m), fallback };
    const used = await resolveSigning(profile, { ...o, provider: none });
    expect(used?.feed.current().accessKeyId).toBe('DUMMY');
    expect(used?.scope).toEqual({ service: 'execute-api', region: 'us-east-1' });
    expect(warnings).toEqual(['signed with dummy credentials']);
    used?.feed.stop();
    const real = await resolveSigning(profile, { ...o, provider: key });
    expect(real?.feed.current().accessKeyId).toBe('AKIDTEST');
    expect(warnings).toHaveLength(1);
    real?.feed.stop();
  });
});
