/**
 * requestHead: the HTTP/1.1 request head (request line and header fields, up to and including
 * the blank line) for undici-style dispatch options: `method`, `path`, `headers` as a flat
 * [name, value, ...] array or an object (array values repeat the field), and the body's byte
 * length. Adds `host` and `connection: keep-alive` (unless the headers carry them), and
 * `content-length` for a body (0 for POST/PUT/PATCH without one, as undici does); a caller's own
 * content-length is replaced by the body's. Throws RequestShapeError (code UND_ERR_INVALID_ARG)
 * for a path or header that would break the message (CR/LF, spaces in the path, a bad name).
 * Pure.
 */
import type { Dispatcher } from 'undici';

/** A request the client cannot write as given; undici reports the same as InvalidArgumentError. */
export class RequestShapeError extends Error {
  readonly code = 'UND_ERR_INVALID_ARG';
}

/** The request body forms the client writes (undici's streams and iterables are not taken). */
export type RequestBody = string | Uint8Array | null | undefined;

/** A path of visible ASCII/latin1 bytes, as undici checks. */
const INVALID_PATH = /[^\u0021-\u00ff]/;
/** A field name that is an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LINE_BREAK = /[\r\n\0]/;
const WITH_PAYLOAD = new Set(['POST', 'PUT', 'PATCH']);

/** requestBody: the body of `options` when the client can write it; throws otherwise. */
export function requestBody(options: Dispatcher.DispatchOptions): RequestBody {
  const body = options.body;
  if (body === null || body === undefined || typeof body === 'string' || body instanceof Uint8Array)
    return body;
  throw new RequestShapeError('the lean HTTP/1.1 client sends string or Buffer bodies only');
}

/** requestHead builds the head for `options` sent to `host` with a body of `bodyBytes` bytes. */
export function requestHead(
  options: Dispatcher.DispatchOptions,
  host: string,
  bodyBytes: number,
): string {
  const { method, path } = options;
  if (
    typeof path !== 'string' ||
    path === '' ||
    (path[0] !== '/' && path !== '*') ||
    INVALID_PATH.test(path)
  )
    throw new RequestShapeError(`invalid request path: ${JSON.stringify(path)}`);
  if (!TOKEN.test(method)) throw new RequestShapeError(`invalid request method: ${method}`);
  let head = `${method} ${path} HTTP/1.1\r\n`;
  let hasHost = false;
  let hasConnection = false;
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    const n = name.length;
    const lower = n === 4 || n === 10 || n === 14 ? name.toLowerCase() : '';
    if (lower === 'content-length') return;
    if (lower === 'host') hasHost = true;
    else if (lower === 'connection') hasConnection = true;
    if (!TOKEN.test(name)) throw new RequestShapeError(`invalid header name: ${name}`);
    if (Array.isArray(value)) {
      for (const v of value) add(name, v);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new RequestShapeError(`invalid value of header ${name}`);
    const text = String(value);
    if (LINE_BREAK.test(text)) throw new RequestShapeError(`invalid value of header ${name}`);
    head += `${name}: ${text}\r\n`;
  };
  const headers = options.headers;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), headers[i + 1]);
  } else if (headers) {
    const entries: Iterable<[string, unknown]> =
      Symbol.iterator in headers
        ? (headers as Iterable<[string, unknown]>)
        : Object.entries(headers as Record<string, unknown>);
    for (const [name, value] of entries) add(name, value);
  }
  if (!hasHost) head += `host: ${host}\r\n`;
  if (!hasConnection) head += 'connection: keep-alive\r\n';
  if (bodyBytes > 0 || WITH_PAYLOAD.has(method)) head += `content-length: ${bodyBytes}\r\n`;
  return `${head}\r\n`;
}
