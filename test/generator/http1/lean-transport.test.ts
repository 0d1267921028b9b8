/**
 * leanTransport against real servers on 127.0.0.1 (node:http, raw net servers for broken replies,
 * node:https with test certificates): keep-alive reuse, the connection cap with its FIFO queue,
 * bodies and headers both ways, Connection: close, idle sockets that die, connect errors, resets,
 * malformed replies, headers and body timeouts, aborts, close(), prewarm, TLS options. Every
 * request gets exactly one final callback and nothing after it.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import type { Dispatcher } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { leanTransport } from '../../../src/generator/http1/lean-transport.js';
import { MAX_CONNECTING } from '../../../src/generator/http1/http1-pool.js';
import type { RequestDispatcher, Transport } from '../../../src/generator/transport.js';
import { errorCode } from '../../../src/generator/request-slot.js';
import { makeTestCerts, type TestCerts } from '../../helpers/test-certs.js';

interface Outcome {
  status: number;
  headers: string[];
  body: string;
  trailers: string[];
  error: Error | null;
  /** Callbacks after the final one (must stay 0). */
  late: number;
}

/** call dispatches one request; resolves at its final callback. `abort` is set at onConnect. */
function call(
  d: RequestDispatcher,
  options: Partial<Dispatcher.DispatchOptions>,
  hooks: { onConnect?: (abort: (e?: Error) => void) => void; readsHeaders?: boolean } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const o: Outcome = { status: 0, headers: [], body: '', trailers: [], error: null, late: 0 };
    let final = false;
    const end = () => {
      if (final) o.late++;
      final = true;
      resolve(o);
    };
    const handler = {
      ...(hooks.readsHeaders === undefined ? {} : { readsHeaders: hooks.readsHeaders }),
      onConnect: (abort: (e?: Error) => void) => hooks.onConnect?.(abort),
      onHeaders: (status: number, raw: Buffer[]) => {
        if (final) o.late++;
        o.status = status;
        o.headers = raw.map(String);
        return true;
      },
      onData: (chunk: Buffer) => {
        if (final) o.late++;
        o.body += chunk.toString();
        return true;
      },
      onComplete: (trailers: unknown) => {
        o.trailers = (trailers as Buffer[]).map(String);
        end();
      },
      onError: (error: Error) => {
        o.error = error;
        end();
      },
    } as unknown as Dispatcher.DispatchHandler;
    d.dispatch({ path: '/', method: 'GET', ...options }, handler);
  });
}

interface Http {
  url: string;
  connections: () => number;
  seen: string[];
  server: Server;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function transport(
  connections = 2,
  extra: Partial<Parameters<typeof leanTransport>[0]> = {},
): Transport {
  const t = leanTransport({ connections, connectTimeoutMs: 2000, ...extra });
  cleanups.push(() => t.close());
  return t;
}

async function listen(server: Server, scheme = 'http'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function http(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<Http> {
  let connections = 0;
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(req.url ?? '');
      handler(req, res, body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => connections++);
  const url = await listen(server);
  return { url, connections: () => connections, seen, server };
}

/** A raw TCP server: `onRequest` gets the socket at each request head (ends at a blank line). */
async function raw(
  onRequest: (socket: Socket, n: number) => void,
): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  let n = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      while (text.includes('\r\n\r\n')) {
        text = text.slice(text.indexOf('\r\n\r\n') + 4);
        onRequest(socket, ++n);
      }
    });
  });
  cleanups.push(() => sockets.forEach((s) => s.destroy()));
  const url = await listen(server);
  return { url, connections: () => connections };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('leanTransport over http:', () => {
  it('reuses one keep-alive socket for sequential requests', async () => {
    const s = await http((_, res) => res.end('ok'));
    const d = transport(4).dispatcher(s.url);
    for (let i = 0; i < 20; i++)
      expect(await call(d, { path: `/${i}` })).toMatchObject({ status: 200, body: 'ok' });
    expect(s.connections()).toBe(1);
    expect(s.seen).toHaveLength(20);
  });

  it('opens at most `connections` sockets and sends queued requests first in, first out', async () => {
    const s = await http((_, res) => setTimeout(() => res.end('ok'), 30));
    const d = transport(2).dispatcher(s.url);
    const paths = Array.from({ length: 8 }, (_, i) => `/${i}`);
    const outcomes = await Promise.all(paths.map((path) => call(d, { path })));
    expect(outcomes.every((o) => o.status === 200 && o.late === 0)).toBe(true);
    expect(s.connections()).toBe(2);
    expect(s.seen.slice(2)).toEqual(paths.slice(2)); // after the first two (either order), FIFO
  });

  it('opens no socket beyond the first while mayGrow says no, and grows again once it says yes', async () => {
    const s = await http((_, res) => setTimeout(() => res.end('ok'), 20));
    let grow = false;
    const d = transport(4, { mayGrow: () => grow }).dispatcher(s.url);
    const first = await Promise.all([1, 2, 3].map((i) => call(d, { path: `/a${i}` })));
    expect(first.every((o) => o.status === 200)).toBe(true);
    expect(s.connections()).toBe(1); // one was needed to send anything; the others queued on it
    grow = true;
    const second = await Promise.all([1, 2, 3].map((i) => call(d, { path: `/b${i}` })));
    expect(second.every((o) => o.status === 200)).toBe(true);
    expect(s.connections()).toBe(3);
  });

  it('replaces lost sockets up to what it prewarmed even while mayGrow says no', async () => {
    let inFlight = 0;
    let most = 0;
    const s = await http((_, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.setHeader('connection', 'close'); // every socket dies after one reply
        res.end('ok');
      }, 20);
    });
    const t = transport(4, { mayGrow: () => false });
    await t.prewarm([s.url], 4);
    const d = t.dispatcher(s.url);
    for (let round = 0; round < 3; round++) {
      most = 0;
      const outcomes = await Promise.all([1, 2, 3, 4].map((i) => call(d, { path: `/${i}` })));
      expect(outcomes.every((o) => o.status === 200)).toBe(true);
      expect(most).toBe(4); // four sockets each round, not one
    }
  });

  it('writes methods, headers (flat array or object) and string or Buffer bodies', async () => {
    const s = await http((req, res, body) =>
      res.end(
        JSON.stringify({
          method: req.method,
          h: req.headers['x-a'],
          len: req.headers['content-length'],
          body,
          host: req.headers.host,
        }),
      ),
    );
    const d = transport().dispatcher(s.url);
    const a = await call(d, {
      method: 'POST',
      headers: ['x-a', '1', 'content-type', 'text/plain'],
      body: 'héllo',
    });
    expect(JSON.parse(a.body)).toEqual({
      method: 'POST',
      h: '1',
      len: '6',
      body: 'héllo',
      host: new URL(s.url).host,
    });
    const b = await call(d, {
      method: 'PUT',
      headers: { 'x-a': ['2', '3'] },
      body: Buffer.from('bytes'),
    });
    expect(JSON.parse(b.body)).toMatchObject({ method: 'PUT', h: '2, 3', len: '5', body: 'bytes' });
    const c = await call(d, { method: 'DELETE' });
    expect(JSON.parse(c.body)).toMatchObject({ method: 'DELETE', body: '' });
    // The same options object again: its head is served from the cache, byte for byte the same.
    const same = { method: 'POST', path: '/same', headers: ['x-a', '9'], body: 'b' };
    for (let i = 0; i < 3; i++)
      expect(JSON.parse((await call(d, same)).body)).toMatchObject({ h: '9', body: 'b' });
  });

  it('rejects a header value with a line break as an error, not an exception', async () => {
    const s = await http((_, res) => res.end());
    const o = await call(transport().dispatcher(s.url), { headers: ['x-a', 'a\r\nx-b: 1'] });
    expect(errorCode(o.error)).toBe('UND_ERR_INVALID_ARG');
    expect(s.seen).toHaveLength(0);
  });

  it('reads HEAD, 204, chunked bodies with trailers, and every Set-Cookie', async () => {
    const s = await http((req, res) => {
      if (req.url === '/204') return res.writeHead(204).end();
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      if (req.method === 'HEAD') return res.writeHead(200, { 'content-length': '99' }).end();
      res.writeHead(200, { 'transfer-encoding': 'chunked', trailer: 'x-t' });
      res.write('chunk-one ');
      res.addTrailers({ 'x-t': 'done' });
      res.end('chunk-two');
    });
    const d = transport().dispatcher(s.url);
    expect(await call(d, { method: 'HEAD' })).toMatchObject({ status: 200, body: '' });
    expect(await call(d, { path: '/204' })).toMatchObject({ status: 204, body: '' });
    const c = await call(d, {});
    expect(c.body).toBe('chunk-one chunk-two');
    expect(c.trailers).toEqual(['x-t', 'done']);
    expect(c.headers.filter((_, i) => c.headers[i - 1]?.toLowerCase() === 'set-cookie')).toEqual([
      'a=1',
      'b=2',
    ]);
    expect(s.connections()).toBe(1);
  });

  it('gives a handler that reads no headers an empty list, and frames the reply all the same', async () => {
    const h = await http((_req, res) => {
      res.setHeader('x-note', 'a1');
      res.end('twelve bytes');
    });
    const d = transport(1).dispatcher(h.url);
    const quiet = await call(d, { path: '/a' }, { readsHeaders: false });
    const curious = await call(d, { path: '/b' }, { readsHeaders: true });
    expect([quiet.status, quiet.headers, quiet.body]).toEqual([200, [], 'twelve bytes']);
    expect(curious.headers).toContain('x-note');
    expect(curious.body).toBe('twelve bytes');
    expect(h.connections()).toBe(1);
  });

  it('retires a socket after Connection: close and opens a new one for the next request', async () => {
    const s = await http((_, res) => res.setHeader('connection', 'close').end('bye'));
    const d = transport().dispatcher(s.url);
    for (let i = 0; i < 3; i++)
      expect(await call(d, {})).toMatchObject({ status: 200, body: 'bye' });
    expect(s.connections()).toBe(3);
  });

  it('replaces a socket that the server closed while it was idle', async () => {
    const reply = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';
    const s = await raw((socket) => {
      socket.write(reply);
      setTimeout(() => socket.destroy(), 20);
    });
    const d = transport(1).dispatcher(s.url);
    expect(await call(d, {})).toMatchObject({ status: 200, body: 'ok' });
    await sleep(100);
    expect(await call(d, {})).toMatchObject({ status: 200, body: 'ok' });
    expect(s.connections()).toBe(2);
  });

  it('ends requests to a closed port with ECONNREFUSED, queued ones included', async () => {
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const d = transport(1).dispatcher(`http://127.0.0.1:${port}`);
    const outcomes = await Promise.all([call(d, {}), call(d, {}), call(d, {})]);
    expect(outcomes.map((o) => errorCode(o.error))).toEqual([
      'ECONNREFUSED',
      'ECONNREFUSED',
      'ECONNREFUSED',
    ]);
    expect(outcomes.every((o) => o.late === 0)).toBe(true);
  });

  it('counts a reset mid-reply as ECONNRESET and a malformed reply as EPROTO, retiring the socket', async () => {
    const s = await raw((socket, n) => {
      if (n === 1)
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc', () => socket.destroy());
      else if (n === 2) socket.write('NOT HTTP AT ALL\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    const d = transport(1).dispatcher(s.url);
    expect(errorCode((await call(d, {})).error)).toBe('ECONNRESET');
    expect(errorCode((await call(d, {})).error)).toBe('EPROTO');
    expect(await call(d, {})).toMatchObject({ status: 200, body: 'ok' });
    expect(s.connections()).toBe(3);
  });

  it('counts a reply that is not HTTP as EPROTO, as undici does, also when the server then closes', async () => {
    const s = await raw((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const d = transport(1).dispatcher(s.url);
    expect(errorCode((await call(d, {})).error)).toBe('EPROTO');
  });

  it('reads a body that runs until the close', async () => {
    const s = await raw((socket) =>
      socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the end'),
    );
    expect(await call(transport().dispatcher(s.url), {})).toMatchObject({
      status: 200,
      body: 'until the end',
      error: null,
    });
  });

  it('times out a missing head (headersTimeout) and a silent body (bodyTimeout) from its sweep', async () => {
    const s = await raw((socket, n) => {
      if (n === 2) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
    });
    const d = transport(2).dispatcher(s.url);
    const [head, body] = await Promise.all([
      call(d, { headersTimeout: 300, bodyTimeout: 60_000 }),
      (async () => {
        await sleep(50);
        return call(d, { headersTimeout: 60_000, bodyTimeout: 300 });
      })(),
    ]);
    expect((head.error as { code?: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(errorCode(head.error)).toBe('ETIMEDOUT');
    expect((body.error as { code?: string }).code).toBe('UND_ERR_BODY_TIMEOUT');
    expect(body.status).toBe(200);
  });

  it('abort ends a request in flight and takes a queued one out of the queue, unsent', async () => {
    const s = await http(() => {}); // never answers
    const d = transport(1).dispatcher(s.url);
    const aborts: Array<(e?: Error) => void> = [];
    const first = call(d, { path: '/first' }, { onConnect: (a) => aborts.push(a) });
    const second = call(d, { path: '/second' }, { onConnect: (a) => aborts.push(a) });
    await sleep(100);
    const reason = Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' });
    aborts[1](reason);
    aborts[0]();
    aborts[1](reason); // a second abort does nothing
    expect((await second).error).toBe(reason);
    expect(errorCode((await first).error)).toBe('EABORTED');
    expect(s.seen).toEqual(['/first']);
  });

  it('close() ends requests in flight and queued with onError, and every later one', async () => {
    const s = await http(() => {});
    const t = leanTransport({ connections: 1, connectTimeoutMs: 2000 });
    const d = t.dispatcher(s.url);
    const pending = [call(d, {}), call(d, {})];
    await sleep(100);
    await t.close();
    const after = await call(d, {});
    for (const o of [...(await Promise.all(pending)), after]) {
      expect((o.error as { code?: string }).code).toBe('UND_ERR_DESTROYED');
      expect(o.late).toBe(0);
    }
  });

  it('prewarm opens the sockets before the first request, which then uses them', async () => {
    const s = await http((_, res) => res.end('ok'));
    const t = transport(3);
    await t.prewarm([s.url], 3);
    // The client sees each connect before the server has accepted it: wait for the accepts.
    for (let i = 0; i < 100 && s.connections() < 3; i++) await sleep(10);
    expect(s.connections()).toBe(3);
    const d = t.dispatcher(s.url);
    await Promise.all([call(d, {}), call(d, {}), call(d, {})]);
    expect(s.connections()).toBe(3);
  });
});

describe('leanTransport over https:', () => {
  let certs: TestCerts;
  let url: string;
  beforeAll(() => {
    certs = makeTestCerts();
  });

  async function https(): Promise<string> {
    const server = createHttpsServer(
      {
        cert: certs.read(certs.server.cert),
        key: certs.read(certs.server.key),
        keepAliveTimeout: 60_000,
      },
      (_, res) => res.end('secure'),
    );
    return listen(server, 'https');
  }

  it(`has at most ${MAX_CONNECTING} handshakes in progress, however many requests wait`, async () => {
    // A TCP server that accepts and never answers: every TLS handshake stays in progress.
    const sockets = new Set<Socket>();
    const deaf = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    const deafUrl = await listen(deaf, 'https');
    cleanups.push(() => sockets.forEach((s) => s.destroy())); // before the server's close

    const t = transport(1000, { settings: { tls: { insecure: true }, http2: false } });
    const d = t.dispatcher(deafUrl);
    const outcomes = Array.from({ length: 4 * MAX_CONNECTING }, () => call(d, {}));
    for (let i = 0; i < 100 && sockets.size < MAX_CONNECTING; i++) await sleep(20);
    await sleep(300);
    expect(sockets.size).toBe(MAX_CONNECTING);
    await t.close();
    const ended = await Promise.all(outcomes);
    expect(ended.every((o) => errorCode(o.error) === 'UND_ERR_DESTROYED' && o.late === 0)).toBe(
      true,
    );
  });

  it('trusts the given CA, refuses an unknown one, and accepts any with insecure', async () => {
    url = await https();
    const tls = { ca: certs.read(certs.ca), insecure: false };
    const trusted = transport(2, { settings: { tls, http2: false } }).dispatcher(url);
    expect(await call(trusted, {})).toMatchObject({ status: 200, body: 'secure' });
    const plain = transport(2).dispatcher(url);
    expect(errorCode((await call(plain, {})).error)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const insecure = transport(2, {
      settings: { tls: { insecure: true }, http2: false },
    }).dispatcher(url);
    expect(await call(insecure, {})).toMatchObject({ status: 200, body: 'secure' });
  });

  it('reads large replies on several sockets at once intact (they share one read buffer)', async () => {
    const bodyOf = (n: number) => `${n}:`.padEnd(200_000 + n, String.fromCharCode(97 + (n % 26)));
    const server = createHttpsServer(
      { cert: certs.read(certs.server.cert), key: certs.read(certs.server.key) },
      (req, res) => {
        const n = Number(req.url?.slice(1));
        if (n % 2 === 0)
          res.end(bodyOf(n)); // Content-Length
        else {
          res.write(bodyOf(n)); // chunked, with a trailer
          res.addTrailers({ 'x-n': String(n) });
          res.end();
        }
      },
    );
    const big = await listen(server, 'https');
    const tls = { ca: certs.read(certs.ca), insecure: false };
    const d = transport(4, { settings: { tls, http2: false } }).dispatcher(big);
    const ns = [0, 1, 2, 3, 4, 5, 6, 7];
    const outcomes = await Promise.all(ns.map((n) => call(d, { path: `/${n}` })));
    expect(outcomes.map((o) => o.body === bodyOf(ns[outcomes.indexOf(o)]))).toEqual(
      ns.map(() => true),
    );
    expect(outcomes.filter((_, i) => i % 2 === 1).map((o) => o.trailers)).toEqual(
      [1, 3, 5, 7].map((n) => ['x-n', String(n)]),
    );
  });
});
