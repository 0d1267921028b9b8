/**
 * head-scan: the byte-level pieces of reading a reply head, pure functions over a Buffer: where
 * the head (or a trailer section) ends, the `HTTP/1.x NNN` status line's version, and whether the
 * start of a head not yet complete can be one. Lines end with LF, optionally CRLF (RFC 9112
 * section 2.2).
 */
import { ResponseParseError } from './response-parse-error.js';

const LF = 10;
const CR = 13;

/**
 * headEnd: the index just after the blank line ending the head that starts at or before `from`
 * in `buf` (lines end with LF, optionally CRLF), or -1 when the blank line has not arrived.
 */
export function headEnd(buf: Buffer, from: number): number {
  for (let lf = buf.indexOf(LF, from); lf >= 0; lf = buf.indexOf(LF, lf + 1)) {
    const next = lf + 1;
    if (next < buf.length && buf[next] === LF) return next + 1;
    if (next + 1 < buf.length && buf[next] === CR && buf[next + 1] === LF) return next + 2;
    if (next + 1 >= buf.length) return -1;
  }
  return -1;
}

/** trailerEnd: like headEnd, but the section may be empty (the very first line is blank). */
export function trailerEnd(buf: Buffer, from: number): number {
  if (from === 0) {
    if (buf.length >= 1 && buf[0] === LF) return 1;
    if (buf.length >= 2 && buf[0] === CR && buf[1] === LF) return 2;
    if (buf.length < 2) return -1;
  }
  return headEnd(buf, from);
}

/**
 * parseStatusVersion checks `HTTP/1.x NNN` at `buf[from...]` (line ends at `lineEnd`) and
 * returns the minor version x.
 */
export function parseStatusVersion(buf: Buffer, from: number, lineEnd: number): number {
  const ok =
    lineEnd - from >= 12 &&
    buf[from] === 72 && // H
    buf[from + 1] === 84 && // T
    buf[from + 2] === 84 && // T
    buf[from + 3] === 80 && // P
    buf[from + 4] === 47 && // /
    buf[from + 5] === 49 && // 1
    buf[from + 6] === 46 && // .
    (buf[from + 7] === 48 || buf[from + 7] === 49) &&
    buf[from + 8] === 32 &&
    isDigit(buf[from + 9]) &&
    isDigit(buf[from + 10]) &&
    isDigit(buf[from + 11]) &&
    buf[from + 9] !== 48 &&
    (lineEnd - from === 12 || buf[from + 12] === 32 || buf[from + 12] === CR);
  if (!ok) throw new ResponseParseError('HPE_INVALID_STATUS', 'not an HTTP/1.x status line');
  return buf[from + 7] - 48;
}

/** The bytes every HTTP/1.x status line starts with. */
const STATUS_LINE_START = Buffer.from('HTTP/1.');

/**
 * checkStatusLineStart: throws when the start of a head not yet complete, `buf[from, to)`, cannot
 * begin an HTTP/1.x status line, so a reply that is not HTTP (another protocol on the port) fails
 * as EPROTO at its first bytes rather than as a reset when the server closes.
 */
export function checkStatusLineStart(buf: Buffer, from: number, to: number): void {
  const n = Math.min(to - from, STATUS_LINE_START.length);
  for (let i = 0; i < n; i++)
    if (buf[from + i] !== STATUS_LINE_START[i])
      throw new ResponseParseError('HPE_INVALID_CONSTANT', 'not an HTTP/1.x reply');
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
