/**
 * ResponseParser: an incremental HTTP/1.1 response parser over Buffers (RFC 9112), one per
 * connection, reused for every reply. It reads the status line and headers (byte comparisons,
 * no string per header), then the body framed by Content-Length, `Transfer-Encoding: chunked`
 * (chunk extensions skipped, trailers parsed) or the connection's close; HEAD replies and
 * 1xx/204/304 have no body, 1xx informational heads (100, 102, 103) are skipped. Input may be
 * split at any byte. Events go to a ResponseEvents sink; body chunks and header Buffers are
 * subarrays of the input (never copied, except a head or trailer split across inputs).
 * A malformed reply throws ResponseParseError (code `HPE_*`, which errorCode maps to EPROTO);
 * the parser is then unusable until `reset`. Not thread-safe; no allocation per reply beyond
 * the header subarrays (none when the reader wants no header fields: `reset`'s `withHeaders`)
 * and the Connection/Keep-Alive values it reads.
 */
import { HeaderFacts, parseHeaderLines } from './header-lines.js';
import { ResponseParseError } from './response-parse-error.js';
import { checkStatusLineStart, headEnd, parseStatusVersion, trailerEnd } from './head-scan.js';

/** Where the parser's events go. Called synchronously from `feed` / `end`. */
export interface ResponseEvents {
  /** The final (non-1xx) head: status, raw headers (name, value, ...) and reason phrase. */
  onHead(status: number, rawHeaders: Buffer[], statusText: string): void;
  /** A piece of the body (a subarray of the input). */
  onBody(chunk: Buffer): void;
  /** The reply is complete; `trailers` are the raw trailer fields of a chunked body. */
  onEnd(trailers: Buffer[]): void;
}

/** Largest status line plus headers (and largest trailer section), as Node's http.maxHeaderSize. */
export const MAX_HEAD_BYTES = 16 * 1024;

const enum State {
  Idle,
  Head,
  Length,
  ChunkSize,
  ChunkExt,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

const LF = 10;
const CR = 13;
const NO_TRAILERS: Buffer[] = [];
/** The header list given to a reader that wants none (never to be modified). */
const NO_HEADERS: Buffer[] = [];

export class ResponseParser {
  /** After onEnd: whether the connection may carry another request. */
  keepAlive = true;
  /** The server's `Keep-Alive: timeout=N` hint in ms, or -1 when it gave none. */
  keepAliveHintMs = -1;
  private state = State.Idle;
  private head = false;
  private withHeaders = true;
  private remaining = 0;
  private sizeDigits = 0;
  /** Bytes of a head or trailer section not complete yet (copied), or null. */
  private pending: Buffer | null = null;
  private scanned = 0;
  private readonly facts = new HeaderFacts();
  private lastReason: Buffer | null = null;
  private lastReasonText = '';

  constructor(private readonly events: ResponseEvents) {}

  /**
   * reset readies the parser for the reply to a new request (`head`: the method was HEAD;
   * `withHeaders` false: onHead gets an empty header list, the framing fields are still read).
   */
  reset(head: boolean, withHeaders = true): void {
    this.state = State.Head;
    this.head = head;
    this.withHeaders = withHeaders;
    this.keepAlive = true;
    this.pending = null;
    this.scanned = 0;
  }

  /** Whether the current reply is complete (or none was expected). */
  get done(): boolean {
    return this.state === State.Done || this.state === State.Idle;
  }

  /** Whether the current reply has started (some byte of it was read). */
  get started(): boolean {
    return this.state !== State.Head || this.pending !== null;
  }

  /**
   * feed parses `data`; returns how many bytes it used. Fewer than `data.length` only once the
   * reply is complete: the rest is not part of it (a server that sent more than one reply).
   * Throws ResponseParseError on a malformed reply.
   */
  feed(data: Buffer): number {
    let at = 0;
    const n = data.length;
    while (at < n) {
      switch (this.state) {
        case State.Head:
          at = this.readHead(data, at);
          break;
        case State.Length: {
          const take = Math.min(this.remaining, n - at);
          this.remaining -= take;
          const chunk = at === 0 && take === n ? data : data.subarray(at, at + take);
          at += take;
          if (this.remaining === 0) this.state = State.Done;
          this.events.onBody(chunk);
          if (this.state === State.Done) this.events.onEnd(NO_TRAILERS);
          break;
        }
        case State.ChunkSize:
          at = this.readChunkSize(data, at);
          break;
        case State.ChunkExt: {
          const lf = data.indexOf(LF, at);
          if (lf < 0) return n;
          at = lf + 1;
          this.afterSizeLine();
          break;
        }
        case State.ChunkData: {
          const take = Math.min(this.remaining, n - at);
          this.remaining -= take;
          const chunk = data.subarray(at, at + take);
          at += take;
          if (this.remaining === 0) this.state = State.ChunkDataEnd;
          this.events.onBody(chunk);
          break;
        }
        case State.ChunkDataEnd: {
          const c = data[at++];
          if (c === LF) this.state = State.ChunkSize;
          else if (c !== CR) throw parseError('HPE_STRICT', 'chunk data not followed by CRLF');
          break;
        }
        case State.Trailers:
          at = this.readTrailers(data, at);
          break;
        case State.UntilClose:
          this.events.onBody(at === 0 ? data : data.subarray(at));
          return n;
        case State.Done:
        case State.Idle:
          return at;
      }
    }
    return at;
  }

  /**
   * end: the connection closed. Completes a reply whose body runs until the close; returns false
   * when a reply was under way and is cut short (the caller reports the reset).
   */
  end(): boolean {
    if (this.state === State.UntilClose) {
      this.state = State.Done;
      this.keepAlive = false;
      this.events.onEnd(NO_TRAILERS);
      return true;
    }
    return this.done;
  }

  /** Reads (part of) the status line and headers from `data` at `at`; returns the next index. */
  private readHead(data: Buffer, at: number): number {
    let buf: Buffer;
    let base: number;
    if (this.pending === null) {
      buf = data;
      base = at;
    } else {
      buf = Buffer.concat([this.pending, at === 0 ? data : data.subarray(at)]);
      base = 0;
    }
    const end = headEnd(buf, base + this.scanned);
    if (end < 0) {
      const have = buf.length - base;
      if (have > MAX_HEAD_BYTES) throw parseError('HPE_HEADER_OVERFLOW', 'reply head too large');
      checkStatusLineStart(buf, base, buf.length);
      this.pending = this.pending === null ? Buffer.from(buf.subarray(base)) : buf;
      this.scanned = Math.max(0, have - 3);
      return data.length;
    }
    if (end - base > MAX_HEAD_BYTES)
      throw parseError('HPE_HEADER_OVERFLOW', 'reply head too large');
    const consumedOfData = this.pending === null ? end - at : end - this.pending.length;
    this.pending = null;
    this.scanned = 0;
    this.onHeadBytes(buf, base, end);
    return at + consumedOfData;
  }

  /** Parses one complete head `buf[from, to)` (to: after its blank line) and picks the framing. */
  private onHeadBytes(buf: Buffer, from: number, to: number): void {
    const lineEnd = buf.indexOf(LF, from);
    const minor = parseStatusVersion(buf, from, lineEnd);
    const status = (buf[from + 9] - 48) * 100 + (buf[from + 10] - 48) * 10 + (buf[from + 11] - 48);
    const facts = this.facts;
    const raw = this.withHeaders ? [] : NO_HEADERS;
    parseHeaderLines(buf, lineEnd + 1, to, this.withHeaders ? raw : null, facts);
    if (status < 200) {
      if (status === 101)
        throw parseError('HPE_INVALID_STATUS', 'unexpected 101 (no upgrade asked)');
      this.state = State.Head; // informational: the real head follows
      return;
    }
    this.keepAlive = facts.close ? false : minor === 1 || facts.keepAlive;
    if (facts.keepAliveHintMs >= 0) this.keepAliveHintMs = facts.keepAliveHintMs;
    if (facts.contentLength >= 0 && facts.transferEncoding)
      throw parseError(
        'HPE_UNEXPECTED_CONTENT_LENGTH',
        'both Content-Length and Transfer-Encoding',
      );
    const bodyless = this.head || status === 204 || status === 304;
    if (bodyless) this.state = State.Done;
    else if (facts.chunked) {
      this.state = State.ChunkSize;
      this.remaining = 0;
      this.sizeDigits = 0;
    } else if (facts.transferEncoding || facts.contentLength < 0) {
      this.state = State.UntilClose;
      this.keepAlive = false;
    } else if (facts.contentLength === 0) this.state = State.Done;
    else {
      this.state = State.Length;
      this.remaining = facts.contentLength;
    }
    this.events.onHead(status, raw, this.reason(buf, from + 12, lineEnd));
    if (this.state === State.Done) this.events.onEnd(NO_TRAILERS);
  }

  /** The reason phrase of `buf[from, lineEnd)` (the last one's string when the bytes repeat). */
  private reason(buf: Buffer, from: number, lineEnd: number): string {
    let to = lineEnd;
    if (to > from && buf[to - 1] === CR) to--;
    const start = from < to && buf[from] === 32 ? from + 1 : from;
    if (start >= to) return '';
    const last = this.lastReason;
    if (
      last !== null &&
      last.length === to - start &&
      buf.compare(last, 0, last.length, start, to) === 0
    )
      return this.lastReasonText;
    this.lastReason = Buffer.from(buf.subarray(start, to));
    this.lastReasonText = buf.toString('latin1', start, to);
    return this.lastReasonText;
  }

  private readChunkSize(data: Buffer, at: number): number {
    const n = data.length;
    while (at < n) {
      const c = data[at++];
      const digit = hexDigit(c);
      if (digit >= 0) {
        if (++this.sizeDigits > 13)
          throw parseError('HPE_INVALID_CHUNK_SIZE', 'chunk size too large');
        this.remaining = this.remaining * 16 + digit;
        continue;
      }
      if (this.sizeDigits === 0) throw parseError('HPE_INVALID_CHUNK_SIZE', 'chunk size expected');
      if (c === LF) {
        this.afterSizeLine();
        return at;
      }
      if (c === CR || c === 59 /* ; */ || c === 32 || c === 9) {
        this.state = State.ChunkExt;
        return at;
      }
      throw parseError('HPE_INVALID_CHUNK_SIZE', 'invalid character in chunk size');
    }
    return at;
  }

  /** The chunk-size line ended: its data follows, or the trailers after the last (0) chunk. */
  private afterSizeLine(): void {
    if (this.remaining === 0) {
      this.state = State.Trailers;
      this.scanned = 0;
    } else this.state = State.ChunkData;
    this.sizeDigits = 0;
  }

  /** Reads the trailer section (ending with an empty line) of a chunked body. */
  private readTrailers(data: Buffer, at: number): number {
    const rest = at === 0 ? data : data.subarray(at);
    const buf = this.pending === null ? rest : Buffer.concat([this.pending, rest]);
    // An empty trailer section is just CRLF: the head-end search needs a line before it.
    const end = trailerEnd(buf, this.scanned);
    if (end < 0) {
      if (buf.length > MAX_HEAD_BYTES)
        throw parseError('HPE_HEADER_OVERFLOW', 'trailers too large');
      this.pending = this.pending === null ? Buffer.from(buf) : buf;
      this.scanned = Math.max(0, buf.length - 3);
      return data.length;
    }
    const used = this.pending === null ? end : end - this.pending.length;
    this.pending = null;
    this.scanned = 0;
    const trailers: Buffer[] = [];
    parseHeaderLines(buf, 0, end, trailers, null);
    this.state = State.Done;
    this.events.onEnd(trailers);
    return at + used;
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function parseError(code: string, message: string): ResponseParseError {
  return new ResponseParseError(code, message);
}
