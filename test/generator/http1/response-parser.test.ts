/**
 * ResponseParser on its own: every framing it supports, each reply also fed split at every byte
 * boundary (and one byte at a time), and malformed replies rejected with an HPE_ code.
 */
import { describe, expect, it } from 'vitest';
import {
  ResponseParser,
  type ResponseEvents,
} from '../../../src/generator/http1/response-parser.js';
import { ResponseParseError } from '../../../src/generator/http1/response-parse-error.js';
import { errorCode } from '../../../src/generator/request-slot.js';

interface Reply {
  status: number;
  statusText: string;
  headers: string[];
  body: string;
  trailers: string[] | null;
  heads: number;
}

function sink() {
  const replies: Reply[] = [];
  let cur: Reply | null = null;
  const events: ResponseEvents = {
    onHead(status, raw, statusText) {
      cur = { status, statusText, headers: raw.map(String), body: '', trailers: null, heads: 1 };
    },
    onBody(chunk) {
      if (!cur) throw new Error('body before head');
      cur.body += chunk.toString('latin1');
    },
    onEnd(trailers) {
      if (!cur) throw new Error('end before head');
      cur.trailers = trailers.map(String);
      replies.push(cur);
      cur = null;
    },
  };
  return { events, replies };
}

/** Feeds `parts` to a fresh parser; returns the replies, whether it ended by close, the leftover. */
function parse(parts: Buffer[], head = false, closeAtEnd = false) {
  const { events, replies } = sink();
  const p = new ResponseParser(events);
  p.reset(head);
  let left = 0;
  for (const part of parts) {
    const used = p.feed(part);
    left += part.length - used;
    if (used < part.length) break;
  }
  const endedOk = closeAtEnd ? p.end() : true;
  return { replies, keepAlive: p.keepAlive, done: p.done, endedOk, left, hint: p.keepAliveHintMs };
}

/** Every way to split `text` in two, plus one byte at a time: all must parse like the whole. */
function splits(text: string): Buffer[][] {
  const b = Buffer.from(text, 'latin1');
  const out: Buffer[][] = [[b]];
  for (let i = 1; i < b.length; i++) out.push([b.subarray(0, i), b.subarray(i)]);
  out.push(Array.from(b, (_, i) => b.subarray(i, i + 1)));
  return out;
}

function parsesAlike(text: string, head = false, closeAtEnd = false) {
  const results = splits(text).map((parts) => parse(parts, head, closeAtEnd));
  for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  return results[0];
}

describe('ResponseParser', () => {
  it('reads a Content-Length reply, headers as sent, every split alike', () => {
    const r = parsesAlike(
      'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 11\r\nX-Empty:\r\n\r\n{"ok":true}',
    );
    expect(r.replies).toEqual([
      {
        status: 201,
        statusText: 'Created',
        headers: ['Content-Type', 'application/json', 'content-length', '11', 'X-Empty', ''],
        body: '{"ok":true}',
        trailers: [],
        heads: 1,
      },
    ]);
    expect(r.keepAlive).toBe(true);
    expect(r.done).toBe(true);
  });

  it('keeps every Set-Cookie, in order, and trims whitespace around values', () => {
    const r = parsesAlike(
      'HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nSet-Cookie:   b=2; Path=/  \r\nContent-Length: 0\r\n\r\n',
    );
    expect(r.replies[0].headers).toEqual([
      'set-cookie',
      'a=1',
      'Set-Cookie',
      'b=2; Path=/',
      'Content-Length',
      '0',
    ]);
  });

  it('reads a chunked body with extensions and trailers', () => {
    const r = parsesAlike(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n' +
        '5;name=value\r\nhello\r\n1A\r\n' +
        'abcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\nX-Other: 2\r\n\r\n',
    );
    expect(r.replies[0].body).toBe('helloabcdefghijklmnopqrstuvwxyz');
    expect(r.replies[0].trailers).toEqual(['X-Trailer', 'yes', 'X-Other', '2']);
    expect(r.keepAlive).toBe(true);
  });

  it('reads a chunked body without trailers', () => {
    const r = parsesAlike(
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(r.replies[0]).toMatchObject({ body: 'abc', trailers: [] });
    expect(r.left).toBe(0);
  });

  it('reads a body without a length until the connection closes, and retires the socket', () => {
    const r = parsesAlike(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed body',
      false,
      true,
    );
    expect(r.replies[0].body).toBe('streamed body');
    expect(r.endedOk).toBe(true);
    expect(r.keepAlive).toBe(false);
  });

  it('expects no body for HEAD, 204 and 304, whatever their Content-Length says', () => {
    const head = parsesAlike('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n', true);
    expect(head.replies[0]).toMatchObject({ status: 200, body: '' });
    for (const status of [204, 304]) {
      const r = parsesAlike(`HTTP/1.1 ${status} X\r\nContent-Length: 5\r\n\r\n`);
      expect(r.replies[0]).toMatchObject({ status, body: '' });
      expect(r.done).toBe(true);
    }
  });

  it('skips 1xx informational heads', () => {
    const r = parsesAlike(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' +
        'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    );
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]).toMatchObject({
      status: 200,
      body: 'ok',
      headers: ['Content-Length', '2'],
    });
  });

  it('honours Connection: close and HTTP/1.0 keep-alive rules', () => {
    expect(
      parsesAlike('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').keepAlive,
    ).toBe(false);
    expect(
      parsesAlike('HTTP/1.1 200 OK\r\nConnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n')
        .keepAlive,
    ).toBe(false);
    expect(parsesAlike('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').keepAlive).toBe(false);
    expect(
      parsesAlike('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n')
        .keepAlive,
    ).toBe(true);
  });

  it('reads the Keep-Alive timeout hint', () => {
    const r = parsesAlike(
      'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n',
    );
    expect(r.hint).toBe(5000);
  });

  it('accepts bare LF line ends and a status line without a reason', () => {
    const r = parsesAlike('HTTP/1.1 404\nContent-Length: 3\n\nnop');
    expect(r.replies[0]).toMatchObject({ status: 404, statusText: '', body: 'nop' });
  });

  it('stops at the end of the reply and reports the bytes after it', () => {
    const r = parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA')]);
    expect(r.replies[0].body).toBe('ok');
    expect(r.left).toBe(5);
  });

  it('without headers asked for, gives an empty list and still frames by them', () => {
    const { events, replies } = sink();
    const p = new ResponseParser(events);
    const replyTexts = [
      'HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabc',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok',
    ];
    for (const text of replyTexts) {
      p.reset(false, false);
      expect(p.feed(Buffer.from(text))).toBe(text.length);
    }
    expect(replies.map((r) => [r.headers, r.body])).toEqual([
      [[], 'abc'],
      [[], 'hi'],
      [[], 'ok'],
    ]);
    expect(p.keepAlive).toBe(false);
    expect(() => {
      p.reset(false, false);
      p.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'));
    }).toThrow(ResponseParseError);
  });

  it('is reusable: reset readies it for the next reply on the connection', () => {
    const { events, replies } = sink();
    const p = new ResponseParser(events);
    for (const body of ['one', 'three']) {
      p.reset(false);
      const text = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      expect(p.feed(Buffer.from(text))).toBe(text.length);
    }
    expect(replies.map((r) => r.body)).toEqual(['one', 'three']);
  });

  it('reports a reply cut short by the close', () => {
    for (const text of [
      'HTTP/1.1 200 OK\r\nContent-Len',
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab',
    ]) {
      const r = parse([Buffer.from(text)], false, true);
      expect(r.endedOk).toBe(false);
      expect(r.replies).toHaveLength(0);
    }
  });

  it.each([
    ['not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a bad status code', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['HTTP/2 in a status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nBroken header\r\n\r\n'],
    ['space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nx'],
    ['obsolete line folding', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\n\r\n'],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'],
    [
      'conflicting Content-Length',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
    ],
    [
      'Content-Length with chunked',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
    ],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data without CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc'],
    ['an unasked upgrade', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
  ])('rejects %s with an HPE_ code (EPROTO) at every split', (_, text) => {
    for (const parts of splits(text)) {
      let error: unknown;
      try {
        parse(parts);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ResponseParseError);
      expect(errorCode(error)).toBe('EPROTO');
    }
  });

  it('rejects a reply that is not HTTP at its first bytes, before any blank line', () => {
    for (const start of ['SSH-2.0-OpenSSH_9.6\r\n', 'S', 'HTTP/2 ', 'HTTX']) {
      let error: unknown;
      try {
        parse([Buffer.from(start)]);
      } catch (e) {
        error = e;
      }
      expect(error, start).toBeInstanceOf(ResponseParseError);
      expect(errorCode(error)).toBe('EPROTO');
    }
    // Fed a byte at a time, and after an informational head, it fails as early.
    const oneByOne = [...Buffer.from('SSH-2.0\r\n')].map((b) => Buffer.from([b]));
    expect(() => parse(oneByOne)).toThrow(ResponseParseError);
    expect(() => parse([Buffer.from('HTTP/1.1 100 Continue\r\n\r\nSSH-2.0')])).toThrow(
      ResponseParseError,
    );
    // A head that is merely incomplete is not rejected.
    for (const start of ['H', 'HTTP/1.', 'HTTP/1.1 200 OK\r\nX-A: b']) {
      expect(() => parse([Buffer.from(start)]), start).not.toThrow();
    }
  });

  it('rejects a head larger than 16 KiB', () => {
    const big = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`;
    expect(() => parse([Buffer.from(big)])).toThrow(ResponseParseError);
    const b = Buffer.from(big);
    expect(() => parse([b.subarray(0, 9000), b.subarray(9000)])).toThrow(ResponseParseError);
  });
});
