/**
 * SigV4Signer: signs one undici request with AWS Signature Version 4 using the AWS SDK's own
 * signer (@smithy/signature-v4, the one every SDK v3 client uses) and the SDK's SHA-256. The
 * payload hash covers the body and is sent as `x-amz-content-sha256`; session tokens are sent as
 * `x-amz-security-token`. The signed headers exist only in the returned dispatch options: they
 * are never recorded, logged or returned anywhere else. One per worker; not thread-safe.
 * The SDK's modules load when the first signer is built (a worker whose profile signs nothing never
 * loads them); the worker entry waits for them (sigv4Loaded) before it reports ready.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import type * as SignatureV4Module from '@smithy/signature-v4';
import type { SignatureV4 } from '@smithy/signature-v4';
import type * as ChecksumModule from '@smithy/core/checksum';
import type { Dispatcher } from 'undici';
import type { AwsCredentials } from './aws-credentials.js';
import type { SigV4Scope } from './transport-settings.js';

/** The SDK's signer and SHA-256, loaded once per thread on first use. */
let sdk: Promise<[typeof SignatureV4Module, typeof ChecksumModule]> | undefined;
const loadSdk = () =>
  (sdk ??= Promise.all([import('@smithy/signature-v4'), import('@smithy/core/checksum')]));

/**
 * sigv4Loaded resolves once the SDK modules of every SigV4Signer built so far in this thread are
 * loaded (at once when none was built); rejects if they cannot load. The worker entry waits for it
 * before reporting ready, so no signed request waits for a module load.
 */
export function sigv4Loaded(): Promise<void> {
  return sdk === undefined ? Promise.resolve() : sdk.then(() => undefined);
}

export class SigV4Signer {
  private signer: Promise<SignatureV4>;

  constructor(
    private readonly scope: SigV4Scope,
    credentials: AwsCredentials,
  ) {
    this.signer = this.create(credentials);
  }

  /** update signs every later request with `credentials` (a refresh from the main thread). */
  update(credentials: AwsCredentials): void {
    this.signer = this.create(credentials);
  }

  /**
   * sign returns a copy of `options` with the SigV4 headers (`authorization`, `x-amz-date`,
   * `x-amz-content-sha256`, and `x-amz-security-token` with a session token) and an explicit
   * `host` header (the origin's host, as sent). `origin` is used when `options` has none (a
   * request dispatched on a Pool, which knows its origin). Does not mutate `options`.
   */
  async sign(
    options: Dispatcher.DispatchOptions,
    origin?: string,
  ): Promise<Dispatcher.DispatchOptions> {
    const url = new URL(options.path, String(options.origin ?? origin));
    const headers = headerBag(options.headers);
    headers.host ??= url.host;
    const signed = await (
      await this.signer
    ).sign({
      method: options.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: queryBag(url.searchParams),
      headers,
      body: typeof options.body === 'string' ? options.body : undefined,
    });
    return { ...options, headers: signed.headers };
  }

  private create(credentials: AwsCredentials): Promise<SignatureV4> {
    const signer = loadSdk().then(([{ SignatureV4 }, { Sha256 }]) =>
      this.build(credentials, SignatureV4, Sha256),
    );
    signer.catch(() => undefined); // a failed load surfaces from sign(), never as an unhandled rejection
    return signer;
  }

  private build(
    credentials: AwsCredentials,
    Signer: typeof SignatureV4,
    Sha256: typeof ChecksumModule.Sha256,
  ): SignatureV4 {
    return new Signer({
      service: this.scope.service,
      region: this.scope.region,
      sha256: Sha256,
      // S3 keys are signed as sent; every other service double-encodes the path.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
      uriEscapePath: this.scope.service !== 's3',
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      },
    });
  }
}

/** Undici's header forms (flat array, object, or entries) as one lower-case name -> value bag. */
function headerBag(headers: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const bag: Record<string, string> = {};
  if (!headers) return bag;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      bag[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    return bag;
  }
  const entries: Iterable<[string, unknown]> =
    Symbol.iterator in headers
      ? (headers as Iterable<[string, unknown]>)
      : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    bag[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : `${value as string}`;
  }
  return bag;
}

function queryBag(params: URLSearchParams): Record<string, string | string[]> {
  const bag: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    bag[key] = values.length === 1 ? values[0] : values;
  }
  return bag;
}
