/**
 * AwsCredentials: AWS credentials as plain data, the form in which the main thread hands them to
 * worker threads (structured clone; never logged, never written to the run record), and the
 * provider shape of the AWS SDK's credential chain.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (STS, SSO, instance roles). */
  sessionToken?: string;
  /** When temporary credentials expire (epoch ms); absent for long-term keys. */
  expiresAtMs?: number;
}

/** What the SDK's credential providers resolve to (AwsCredentialIdentity). */
export interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A credential provider in the SDK's shape; `forceRefresh` bypasses its cache. */
export type CredentialProvider = (options?: { forceRefresh?: boolean }) => Promise<AwsIdentity>;

/** toAwsCredentials copies an SDK identity into plain data (drops any other fields). */
export function toAwsCredentials(identity: AwsIdentity): AwsCredentials {
  return {
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
    ...(identity.expiration ? { expiresAtMs: identity.expiration.getTime() } : {}),
  };
}
