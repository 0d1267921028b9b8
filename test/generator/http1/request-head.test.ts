/** requestHead and requestBody on their own: the exact bytes of a head, and what is refused. */
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from 'undici';
import {
  requestBody,
  requestHead,
  RequestShapeError,
} from '../../../src/generator/http1/request-head.js';

const head = (o: Partial<Dispatcher.DispatchOptions>, bytes = 0) =>
  requestHead({ path: '/', method: 'GET', ...o }, 'h:1', bytes);

describe('requestHead', () => {
  it('writes the request line, the headers as given, then host, connection and content-length', () => {
    expect(head({ path: '/a?b=1', headers: ['x-a', '1', 'X-B', '2'] })).toBe(
      'GET /a?b=1 HTTP/1.1\r\nx-a: 1\r\nX-B: 2\r\nhost: h:1\r\nconnection: keep-alive\r\n\r\n',
    );
    expect(head({ method: 'POST', headers: { 'x-c': ['1', '2'], skip: undefined } }, 5)).toBe(
      'POST / HTTP/1.1\r\nx-c: 1\r\nx-c: 2\r\nhost: h:1\r\nconnection: keep-alive\r\ncontent-length: 5\r\n\r\n',
    );
  });

  it("keeps the caller's host and connection, replaces its content-length by the body's", () => {
    expect(
      head({
        method: 'PUT',
        headers: ['Host', 'other', 'connection', 'close', 'Content-Length', '99'],
      }),
    ).toBe('PUT / HTTP/1.1\r\nHost: other\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });

  it('sends content-length: 0 for POST, PUT and PATCH without a body, none for GET or DELETE', () => {
    expect(head({ method: 'PATCH' })).toContain('content-length: 0\r\n');
    expect(head({ method: 'DELETE' })).not.toContain('content-length');
  });

  it.each([
    ['a path with a space', { path: '/a b' }],
    ['a path without a leading slash', { path: 'a' }],
    ['a bad method', { method: 'GE T' }],
    ['a CR LF in a value', { headers: ['x-a', 'v\r\nx-b: 1'] }],
    ['a bad header name', { headers: ['x a', 'v'] }],
    ['an object value', { headers: { 'x-a': {} as unknown as string } }],
  ])('refuses %s', (_, o) => {
    expect(() => head(o)).toThrow(RequestShapeError);
  });
});

describe('requestBody', () => {
  it('takes strings, Buffers and no body; refuses streams', () => {
    expect(requestBody({ body: 'x' } as Dispatcher.DispatchOptions)).toBe('x');
    expect(requestBody({ body: null } as Dispatcher.DispatchOptions)).toBeNull();
    const b = Buffer.from('y');
    expect(requestBody({ body: b } as Dispatcher.DispatchOptions)).toBe(b);
    expect(() =>
      requestBody({ body: { pipe() {} } } as unknown as Dispatcher.DispatchOptions),
    ).toThrow(RequestShapeError);
  });
});
