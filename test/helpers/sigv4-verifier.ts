/**
 * verifySigV4: a test-side SigV4 verifier. It re-signs a request as it arrived (method, path,
 * query, the headers its Authorization names, body) with the secret of the key it names and the
 * date it carries, and compares the Authorization header, so what was signed is exactly what was
 * sent. Over HTTP/2 the signed `host` is the `:authority` pseudo-header.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Verdict {
  keyId: string;
  valid: boolean;
  /** x-amz-content-sha256 is the SHA-256 of the body received. */
  bodyHashOk: boolean;
  signedHeaders: string[];
}

export interface ArrivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export async function verifySigV4(
  req: ArrivedRequest,
  scope: { service: string; region: string },
  secrets: Map<string, { accessKeyId: string; secretAccessKey: string; sessionToken?: string }>,
): Promise<Verdict> {
  const auth = String(req.headers.authorization ?? '');
  const keyId = /Credential=([^/]+)\//.exec(auth)?.[1] ?? '';
  const signedHeaders = (/SignedHeaders=([^,]+)/.exec(auth)?.[1] ?? '').split(';');
  const bodyHashOk =
    req.headers['x-amz-content-sha256'] === createHash('sha256').update(req.body).digest('hex');
  const credentials = secrets.get(keyId);
  if (!credentials) return { keyId, valid: false, bodyHashOk, signedHeaders };
  const url = new URL(req.url, 'http://x');
  const headers: Record<string, string> = {};
  for (const h of signedHeaders)
    headers[h] = String(req.headers[h] ?? (h === 'host' ? req.headers[':authority'] : ''));
  const amzDate = String(req.headers['x-amz-date']);
  const signingDate = new Date(
    amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  const signer = new SignatureV4({ ...scope, sha256: Sha256, credentials });
  const again = await signer.sign(
    {
      method: req.method,
      protocol: 'https:',
      hostname: 'x',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: req.body,
    },
    { signingDate },
  );
  return { keyId, valid: again.headers.authorization === auth, bodyHashOk, signedHeaders };
}
