/**
 * parseHeaderLines: the header (or trailer) field lines of an HTTP/1.1 message, read from a
 * Buffer into raw [name, value, ...] subarrays (names as sent, values without surrounding
 * whitespace; repeated fields such as Set-Cookie are all kept, in order), and, with a
 * HeaderFacts, the fields that frame the reply (Content-Length, Transfer-Encoding, Connection,
 * Keep-Alive) compared case-insensitively as bytes (RFC 9112 sections 5, 6, 9.6). Throws
 * ResponseParseError on a line that is not `token ":" value`, on obsolete line folding, and on
 * a Content-Length that is not a number or disagrees with an earlier one. Pure apart from
 * filling `raw` (when given: a reader that needs only the framing passes null, and no subarray
 * is made) and `facts`.
 */
import { ResponseParseError } from './response-parse-error.js';

/** What the framing fields of one head said. Reused: parseHeaderLines resets it. */
export class HeaderFacts {
  /** Content-Length, or -1 when absent. */
  contentLength = -1;
  /** A Transfer-Encoding field was present. */
  transferEncoding = false;
  /** Its last coding is `chunked`. */
  chunked = false;
  /** `Connection: close`. */
  close = false;
  /** `Connection: keep-alive` (what an HTTP/1.0 reply needs to stay open). */
  keepAlive = false;
  /** `Keep-Alive: timeout=N` in ms, or -1. */
  keepAliveHintMs = -1;

  reset(): void {
    this.contentLength = -1;
    this.transferEncoding = false;
    this.chunked = false;
    this.close = false;
    this.keepAlive = false;
    this.keepAliveHintMs = -1;
  }
}

const LF = 10;
const CR = 13;
const COLON = 58;

/** tchar of RFC 9110 section 5.6.2: the bytes a field name may contain. */
const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  TOKEN[c.charCodeAt(0)] = 1;

/**
 * parseHeaderLines reads the lines of `buf[from, to)` up to the first empty one, appending
 * name and value subarrays to `raw` (unless null); with `facts`, records the framing fields there.
 */
export function parseHeaderLines(
  buf: Buffer,
  from: number,
  to: number,
  raw: Buffer[] | null,
  facts: HeaderFacts | null,
): void {
  facts?.reset();
  let at = from;
  while (at < to) {
    let lf = buf.indexOf(LF, at);
    if (lf < 0 || lf >= to) lf = to;
    const lineEnd = lf > at && buf[lf - 1] === CR ? lf - 1 : lf;
    if (lineEnd === at) return; // the empty line ending the section
    const first = buf[at];
    if (first === 32 || first === 9) throw fieldError('obsolete line folding');
    let colon = at;
    while (colon < lineEnd && TOKEN[buf[colon]] === 1) colon++;
    if (colon === at || colon >= lineEnd || buf[colon] !== COLON)
      throw fieldError('invalid header field name');
    let vs = colon + 1;
    let ve = lineEnd;
    while (vs < ve && (buf[vs] === 32 || buf[vs] === 9)) vs++;
    while (ve > vs && (buf[ve - 1] === 32 || buf[ve - 1] === 9)) ve--;
    if (raw !== null) raw.push(buf.subarray(at, colon), buf.subarray(vs, ve));
    if (facts !== null) noteFact(buf, at, colon, vs, ve, facts);
    at = lf + 1;
  }
}

function noteFact(
  buf: Buffer,
  ns: number,
  ne: number,
  vs: number,
  ve: number,
  facts: HeaderFacts,
): void {
  const len = ne - ns;
  if (len === 14 && nameIs(buf, ns, 'content-length')) {
    const n = decimal(buf, vs, ve);
    if (n < 0) throw fieldError('invalid Content-Length');
    if (facts.contentLength >= 0 && facts.contentLength !== n)
      throw fieldError('conflicting Content-Length values');
    facts.contentLength = n;
  } else if (len === 17 && nameIs(buf, ns, 'transfer-encoding')) {
    facts.transferEncoding = true;
    const codings = buf.toString('latin1', vs, ve).split(',');
    facts.chunked = codings[codings.length - 1].trim().toLowerCase() === 'chunked';
  } else if (len === 10 && nameIs(buf, ns, 'connection')) {
    if (ve - vs === 10 && nameIs(buf, vs, 'keep-alive')) facts.keepAlive = true;
    else if (ve - vs === 5 && nameIs(buf, vs, 'close')) facts.close = true;
    else
      for (const token of buf.toString('latin1', vs, ve).toLowerCase().split(',')) {
        const t = token.trim();
        if (t === 'close') facts.close = true;
        else if (t === 'keep-alive') facts.keepAlive = true;
      }
  } else if (len === 10 && nameIs(buf, ns, 'keep-alive')) {
    const m = /(?:^|[,\s])timeout\s*=\s*(\d+)/i.exec(buf.toString('latin1', vs, ve));
    if (m) facts.keepAliveHintMs = Number(m[1]) * 1000;
  }
}

/** Whether `buf[at, at + lower.length)` equals the lower-case ASCII `lower`, ignoring case. */
function nameIs(buf: Buffer, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++)
    if ((buf[at + i] | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** The decimal number in `buf[from, to)`, or -1 when it is empty, not all digits, or unsafe. */
function decimal(buf: Buffer, from: number, to: number): number {
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function fieldError(message: string): ResponseParseError {
  return new ResponseParseError('HPE_INVALID_HEADER_TOKEN', message);
}
