/**
 * awsCredentialChain: the AWS SDK's default credential chain (@aws-sdk/credential-provider-node:
 * environment, SSO, shared config and credentials files with profiles and credential_process,
 * web identity token, container and EC2 instance metadata), and `credentialChainPlaces`, the
 * places it looks, for the error that says where no credentials were found.
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialProvider } from './aws-credentials.js';

/** awsCredentialChain returns the SDK's default chain (it caches and refreshes on request). */
export function awsCredentialChain(): CredentialProvider {
  return defaultProvider();
}

/**
 * credentialChainPlaces lists, for `env`, where the default chain looks for credentials, in
 * its order; names environment variables and files only, never their values. Pure.
 */
export function credentialChainPlaces(env: Record<string, string | undefined>): string[] {
  const home = env.HOME ?? homedir();
  const profile = env.AWS_PROFILE ?? 'default';
  const container =
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  return [
    'environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)',
    `shared files: ${env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')} and ` +
      `${env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')}, profile "${profile}" ` +
      '(static keys, SSO, role_arn, credential_process)',
    `web identity token: ${env.AWS_WEB_IDENTITY_TOKEN_FILE ? 'AWS_WEB_IDENTITY_TOKEN_FILE' : 'AWS_WEB_IDENTITY_TOKEN_FILE not set'}`,
    container
      ? 'container credentials: AWS_CONTAINER_CREDENTIALS_* endpoint'
      : env.AWS_EC2_METADATA_DISABLED === 'true'
        ? 'EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED'
        : 'EC2 instance metadata (instance role)',
  ];
}
