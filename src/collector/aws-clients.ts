/**
 * createAwsClients: the three SDK clients the aws source uses, sharing one region, endpoint and
 * credential provider, with adaptive client-side retries (the SDK's token-bucket rate limiter
 * slows down after throttling errors). Region and credentials follow the SDK's default chain
 * unless the caller names them.
 */
import { CloudWatchClient, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';

/** Where and how to reach AWS. Every field is optional; missing ones come from the SDK's chain. */
export interface AwsClientConfig {
  region?: string;
  /** e.g. `http://127.0.0.1:5000` (moto, LocalStack); `AWS_ENDPOINT_URL` in env does the same. */
  endpoint?: string;
  /** Static keys or a provider function, as the SDK accepts them. */
  credentials?: CloudWatchClientConfig['credentials'];
  /** Attempts per call including the first (default 5), with adaptive backoff. */
  maxAttempts?: number;
}

/** The clients of one aws source. Call `destroy()` when done to close sockets. */
export interface AwsClients {
  cloudwatch: CloudWatchClient;
  lambda: LambdaClient;
  ec2: EC2Client;
  destroy(): void;
}

/** Builds the clients; makes no network call. */
export function createAwsClients(config: AwsClientConfig): AwsClients {
  const common = {
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    retryMode: 'adaptive',
    maxAttempts: config.maxAttempts ?? 5,
  };
  const cloudwatch = new CloudWatchClient(common);
  const lambda = new LambdaClient(common);
  const ec2 = new EC2Client(common);
  return {
    cloudwatch,
    lambda,
    ec2,
    destroy() {
      cloudwatch.destroy();
      lambda.destroy();
      ec2.destroy();
    },
  };
}

/**
 * Picks region, endpoint and credentials from explicit values first, then from `env` (the
 * process environment handed in by src/cli): `AWS_REGION`/`AWS_DEFAULT_REGION`,
 * `AWS_ENDPOINT_URL`, and static keys `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`
 * (+ `AWS_SESSION_TOKEN`). Anything still unset is left to the SDK's default chain. Pure.
 */
export function resolveAwsClientConfig(
  env: Record<string, string | undefined>,
  explicit: AwsClientConfig = {},
  profileRegion?: string,
): AwsClientConfig {
  const region = explicit.region ?? profileRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const endpoint = explicit.endpoint ?? env.AWS_ENDPOINT_URL;
  let credentials = explicit.credentials;
  if (!credentials && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN,
    };
  }
  return { ...explicit, region, endpoint, credentials };
}

/**
 * Checks that a region and credentials resolve, without calling any AWS API (the credential
 * chain may read files or a metadata service). Returns null when both resolve, otherwise the
 * error thrown by the SDK, for describeAwsError.
 */
export async function probeAwsClients(clients: AwsClients): Promise<unknown> {
  try {
    await clients.cloudwatch.config.region();
    await clients.cloudwatch.config.credentials();
    return null;
  } catch (error) {
    return error;
  }
}
