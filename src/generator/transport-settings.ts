/**
 * TransportSettings: how a worker connects to HTTPS origins and whether it signs requests. Plain
 * data (it crosses to worker threads in workerData): PEM contents, never file paths, so a worker
 * reads no file and a missing file is a usage error in the main thread before anything is sent.
 */
import { isIP } from 'node:net';
import type { buildConnector } from 'undici';

/** TLS settings for https:// origins (node:tls options of the same names). */
export interface TlsConfig {
  /** PEM of the CA certificates to trust instead of Node's bundled roots (`--ca`, `tls.ca`). */
  ca?: string;
  /** PEM client certificate for mutual TLS (`--cert`, `tls.cert`); always with `key`. */
  cert?: string;
  /** PEM private key of `cert` (`--key`, `tls.key`). */
  key?: string;
  /** SNI name and the name the server certificate is checked against (`--servername`). */
  servername?: string;
  /** Accept any server certificate (`--insecure`); the connection is still encrypted. */
  insecure: boolean;
}

/** SigV4 signing scope (`auth: { type: aws-sigv4 }`); credentials travel separately. */
export interface SigV4Scope {
  service: string;
  region: string;
}

/**
 * The HTTP client of http: and https: origins (`--client`): `lean`, the generator's own HTTP/1.1
 * client (src/generator/http1/), or `undici`. HTTP/2 (`http2`) always uses undici.
 */
export type HttpClient = 'lean' | 'undici';

/** The clients `--client` takes, the default first. */
export const HTTP_CLIENTS: readonly HttpClient[] = ['lean', 'undici'];

/** The client used when the settings name none. */
export const DEFAULT_HTTP_CLIENT: HttpClient = HTTP_CLIENTS[0];

export interface TransportSettings {
  tls: TlsConfig;
  /** The HTTP/1.1 client (default DEFAULT_HTTP_CLIENT). */
  client?: HttpClient;
  /** Offer HTTP/2 by TLS ALPN (undici `allowH2`); servers without it get HTTP/1.1. */
  http2: boolean;
  sigv4?: SigV4Scope;
}

/** transportClient: the client `settings` get (undici whenever HTTP/2 is asked for). Pure. */
export function transportClient(settings: TransportSettings | undefined): HttpClient {
  if (settings?.http2) return 'undici';
  return settings?.client ?? DEFAULT_HTTP_CLIENT;
}

/** The transport of a run with no TLS, HTTP/2 or signing options. */
export const plainTransportSettings: TransportSettings = { tls: { insecure: false }, http2: false };

/**
 * connectOptions: the options of undici's `buildConnector` for `transport`, with keep-alive and
 * the connect timeout. Pure.
 */
export function connectOptions(
  transport: TransportSettings,
  timeoutMs: number,
): buildConnector.BuildOptions {
  const { tls } = transport;
  return {
    timeout: timeoutMs,
    keepAlive: true,
    allowH2: transport.http2,
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ...(tls.insecure ? { rejectUnauthorized: false } : {}),
  };
}

/**
 * serverName: the SNI name for a connection to `hostname`: the configured `servername`, else the
 * host name itself, else none for an IP address (RFC 6066 section 3 forbids IP literals in SNI;
 * Node warns DEP0123 when given one).
 */
export function serverName(hostname: string, configured?: string): string | undefined {
  if (configured) return configured;
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? undefined : bare;
}
