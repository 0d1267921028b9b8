/**
 * resolveTransport: the TLS, HTTP/2 and client settings of `run` from its flags (`--ca`, `--cert`,
 * `--key`, `--servername`, `--insecure`, `--http2`, `--client`) over the profile's `tls:` and `http2:`, with
 * the PEM files read here, in the main thread, so a missing file is a usage error (exit 2)
 * before anything is sent. Flag paths are relative to the working directory, profile paths to
 * the profile's folder (already resolved by the profile loader).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Profile } from '../../profile/types.js';
import type {
  HttpClient,
  TlsConfig,
  TransportSettings,
} from '../../generator/transport-settings.js';

/** The transport flags of `run`. */
export interface TransportFlags {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  insecure?: boolean;
  http2?: boolean;
  client?: HttpClient;
}

/**
 * resolveTransport reads the PEM files and checks the combination; throws UsageError naming the
 * flag or profile key. `targetUrl` is the base URL (undefined: the embedded API, http://).
 */
export function resolveTransport(
  profile: Profile,
  flags: TransportFlags,
  cwd: string,
  targetUrl: string | undefined,
): Omit<TransportSettings, 'sigv4'> {
  const written = profile.tls;
  const pem = (key: 'ca' | 'cert' | 'key'): string | undefined => {
    const flag = flags[key];
    if (flag !== undefined) return readPem(resolve(cwd, flag), `--${key}`);
    const file = written?.[key];
    return file === undefined ? undefined : readPem(file, `tls.${key} in ${profile.source}`);
  };
  const tls: TlsConfig = { insecure: flags.insecure ?? written?.insecure ?? false };
  const ca = pem('ca');
  const cert = pem('cert');
  const key = pem('key');
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError(
      'a client certificate needs its key: give both --cert and --key (or tls.cert and tls.key)',
    );
  if (ca !== undefined) tls.ca = ca;
  if (cert !== undefined) tls.cert = cert;
  if (key !== undefined) tls.key = key;
  const servername = flags.servername ?? written?.servername;
  if (servername !== undefined) tls.servername = servername;
  const http2 = flags.http2 ?? profile.http2 ?? false;
  const usesTls = Boolean(tls.ca || tls.cert || tls.servername || tls.insecure || http2);
  if (usesTls && !reachesHttps(profile, targetUrl))
    throw new UsageError(
      `TLS and HTTP/2 options apply to https:// targets only, and ${targetUrl ?? 'the embedded notes API (http://)'} is not one ` +
        '(give an https:// --target, or leave out --ca/--cert/--key/--servername/--insecure/--http2 and tls:/http2:)',
    );
  if (http2 && flags.client === 'lean')
    throw new UsageError(
      '--client lean speaks HTTP/1.1 only, and HTTP/2 is asked for (--http2 or http2: in the profile): ' +
        'leave out --client (HTTP/2 runs use undici) or the HTTP/2 setting',
    );
  return { tls, http2, ...(flags.client !== undefined ? { client: flags.client } : {}) };
}

/**
 * checkProfileTlsFiles reads the PEM files the profile's `tls:` names, as resolveTransport would,
 * so that `plan` refuses what `run` would (exit 2). Whether TLS applies depends on the target,
 * which plan does not know: only the files are checked.
 */
export function checkProfileTlsFiles(profile: Profile): void {
  for (const key of ['ca', 'cert', 'key'] as const) {
    const file = profile.tls?.[key];
    if (file !== undefined) readPem(file, `tls.${key} in ${profile.source}`);
  }
}

/** Whether any request can reach an https:// origin: the target, or a request's own `url`. */
function reachesHttps(profile: Profile, targetUrl: string | undefined): boolean {
  if (targetUrl?.startsWith('https://')) return true;
  return profile.requests.some((r) => r.url !== undefined && !r.url.source.startsWith('http://'));
}

function readPem(path: string, label: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'error'})`;
    throw new UsageError(`${label}: ${path}: ${why} (give the path of a PEM file)`);
  }
  if (!text.includes('-----BEGIN '))
    throw new UsageError(`${label}: ${path}: not a PEM file (expected "-----BEGIN ...")`);
  return text;
}
