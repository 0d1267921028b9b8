/**
 * resolveSigning: for a profile with `auth: { type: aws-sigv4 }`, the signing scope (service and
 * region) and the run's credentials from the AWS default credential chain, resolved before
 * anything is sent. No credentials, or no region: UsageError (exit 2) saying where it looked;
 * unless a `fallback` is given (the embedded target, which verifies no signature): then the
 * fallback's credentials sign, with one warning saying so. The credentials themselves never
 * appear in any message.
 */
import {
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  loadConfig,
} from '@smithy/core/config';
import { UsageError } from '../../errors.js';
import { awsCredentialChain, credentialChainPlaces } from '../../generator/aws-credential-chain.js';
import type { CredentialProvider } from '../../generator/aws-credentials.js';
import { CredentialFeed } from '../../generator/credential-feed.js';
import type { SigV4Scope } from '../../generator/transport-settings.js';
import type { Profile } from '../../profile/types.js';

export interface Signing {
  scope: SigV4Scope;
  /** Refreshes the credentials before they expire; stop() it after the run. */
  feed: CredentialFeed;
}

export interface SigningOptions {
  env: Record<string, string | undefined>;
  /** A refresh failed during the run (printed as a warning). */
  onWarning: (message: string) => void;
  /** The credential chain (default: the AWS SDK's); tests inject their own. */
  provider?: CredentialProvider;
  /** What asks for signing, in messages (default `auth: aws-sigv4`). */
  label?: string;
  /**
   * Credentials to sign with when the chain finds none, for a target that verifies no signature
   * (the embedded one); `onWarning` then gets `warning`. Absent: no credentials is exit 2.
   */
  fallback?: { provider: CredentialProvider; warning: string };
}

/** resolveSigning returns undefined when the profile signs nothing. */
export async function resolveSigning(
  profile: Profile,
  o: SigningOptions,
): Promise<Signing | undefined> {
  const auth = profile.auth;
  if (!auth) return undefined;
  const label = o.label ?? 'auth: aws-sigv4';
  const region = auth.region ?? profile.aws?.region ?? (await defaultRegion(o.env));
  if (!region)
    throw new UsageError(
      `${label} needs a region: set auth.region or aws.region in ${profile.source}, ` +
        'or AWS_REGION, or region in the AWS config file',
    );
  let feed: CredentialFeed;
  try {
    feed = await CredentialFeed.start({
      provider: o.provider ?? awsCredentialChain(),
      onWarning: o.onWarning,
    });
  } catch (error) {
    if (o.fallback) {
      const fallback = await CredentialFeed.start({
        provider: o.fallback.provider,
        onWarning: o.onWarning,
      });
      o.onWarning(o.fallback.warning);
      return { scope: { service: auth.service, region }, feed: fallback };
    }
    const places = credentialChainPlaces(o.env).map((p) => `  - ${p}`);
    throw new UsageError(
      `${label}: no AWS credentials found (${(error as Error).message}); nothing was sent. ` +
        `Looked in:\n${places.join('\n')}\n` +
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run `aws sso login`.',
    );
  }
  return { scope: { service: auth.service, region }, feed };
}

/** The SDK's default region: AWS_REGION, else the config file's `region` (undefined if none). */
async function defaultRegion(env: Record<string, string | undefined>): Promise<string | undefined> {
  if (env.AWS_REGION) return env.AWS_REGION;
  try {
    return await loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS)();
  } catch {
    return undefined;
  }
}
