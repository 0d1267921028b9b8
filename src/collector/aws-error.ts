/**
 * describeAwsError: turns any AWS SDK failure into one sentence the user can act on, naming the
 * IAM permission that was needed. It reads only the error's name, code, HTTP status and message,
 * and never echoes credentials (access keys in a message are masked).
 */

/** The broad class of an AWS failure, for deciding whether to retry or give up on a series. */
export type AwsFailureKind =
  | 'access-denied'
  | 'no-credentials'
  | 'expired-credentials'
  | 'no-region'
  | 'throttled'
  | 'not-found'
  | 'unsupported'
  | 'network'
  | 'other';

/** A classified failure: `kind` for logic, `message` for the user. */
export interface AwsFailure {
  kind: AwsFailureKind;
  message: string;
}

const accessDenied = /AccessDenied|UnauthorizedOperation|NotAuthorized|AuthFailure/i;
const expired =
  /Expired|RequestExpired|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/i;
const throttled = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|Rate exceeded/i;

/**
 * Classifies `error`, thrown while calling `permission` (an IAM action such as
 * `cloudwatch:GetMetricData`). Pure.
 */
export function describeAwsError(error: unknown, permission: string): AwsFailure {
  const e = (error ?? {}) as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const name = `${e.name ?? ''} ${e.Code ?? ''} ${e.code ?? ''}`;
  const status = e.$metadata?.httpStatusCode;
  const detail = maskSecrets(String(e.message ?? error).split('\n')[0]).slice(0, 200);
  if (/CredentialsProviderError/.test(name) || /Could not load credentials/i.test(detail))
    return {
      kind: 'no-credentials',
      message: `no AWS credentials found (${permission} needs them); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`,
    };
  if (/Region is missing/i.test(detail))
    return {
      kind: 'no-region',
      message: `no AWS region set (${permission}); set AWS_REGION or aws.region in the profile`,
    };
  if (accessDenied.test(name) || (status === 403 && !expired.test(name)))
    return {
      kind: 'access-denied',
      message: `access denied: missing permission ${permission} (${detail})`,
    };
  if (expired.test(name))
    return {
      kind: 'expired-credentials',
      message: `AWS credentials expired or invalid while calling ${permission}; refresh them and run \`flashcrowd collect\``,
    };
  if (throttled.test(name) || status === 429)
    return {
      kind: 'throttled',
      message: `AWS throttled ${permission} even after retries; some datapoints may be missing`,
    };
  if (/ResourceNotFound|NotFound/i.test(name))
    return { kind: 'not-found', message: `${permission}: not found (${detail})` };
  if (
    status === 404 ||
    status === 501 ||
    /SyntaxError|Deserializ|XML parse/i.test(`${name} ${detail}`)
  )
    return {
      kind: 'unsupported',
      message: `${permission} is not supported by this endpoint (HTTP ${status ?? '?'})`,
    };
  if (
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|TimeoutError/i.test(`${name} ${detail}`)
  )
    return { kind: 'network', message: `cannot reach AWS for ${permission}: ${detail}` };
  return { kind: 'other', message: `${permission} failed: ${detail}` };
}

/** Masks anything shaped like an AWS access key id or a long secret. Pure. */
export function maskSecrets(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '$1****')
    .replace(/\b[A-Za-z0-9/+=]{40}\b/g, '****');
}
