/**
 * createNotesServer: the embedded notes API as a real node:http server driven by the scaling
 * model. Each request is matched to a route; the model admits or throttles it (429 with
 * `x-amzn-ErrorType: TooManyRequestsException`); an admitted request runs its function against the
 * in-memory store at once, and its reply goes out when the model says the execution ends (a timer,
 * not burned CPU). `POST /2015-03-31/functions/{name}/invocations` is the Lambda Invoke API of
 * the modelled functions (lambda-invoke-route.ts). Bodies above `maxBodyBytes` get 413. `GET /_model/state`, `/_model/series` and
 * `/_model/parameters` expose the model (other methods: 405 with `Allow: GET, HEAD`). Usable in-process (tests) or in the target's child process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlatformModel } from '../model/platform-model.js';
import { NoteCipher } from './note-crypto.js';
import { NoteStore, type NoteStoreLimits } from './note-store.js';
import {
  handleNotesRequest,
  isRouteMatch,
  matchNotesRoute,
  type NotesReply,
} from './notes-routes.js';
import type { TenantCarrier } from './embedded-target-protocol.js';
import { throttleBody } from './throttle-body.js';
import { invokeFunctionName } from './lambda-invoke-route.js';
import { createInvokeHandler } from './serve-invoke.js';
import { LambdaDurableRoutes, type PollStats } from './lambda-durable-routes.js';
import { sendDurableReply } from './send-durable-reply.js';

/** Options of createNotesServer. */
export interface NotesServerOptions extends NoteStoreLimits {
  /** Largest request body accepted (default 256 KiB). */
  maxBodyBytes?: number;
  /**
   * Tenant-isolated functions: every notes request must carry a tenant id here (400
   * InvalidParameterValueException without one, as Lambda answers), and the model keys
   * environments by it.
   */
  tenants?: TenantCarrier;
}

/** A running notes server. */
export interface NotesServer {
  readonly server: Server;
  /** listen binds `host:port` (port 0 = any free port) and resolves to the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** durablePolls: GetDurableExecution calls answered, per wall-clock second. */
  durablePolls(): PollStats;
  /** close stops accepting, drops pending replies and open connections; resolves when closed. */
  close(): Promise<void>;
}

/**
 * createNotesServer builds the server. `clock` returns epoch ms and must never go backwards
 * (e.g. `performance.timeOrigin + performance.now()`).
 */
export function createNotesServer(
  model: PlatformModel,
  clock: () => number,
  options: NotesServerOptions = {},
): NotesServer {
  const store = new NoteStore(options);
  const cipher = new NoteCipher();
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const timers = new Set<NodeJS.Timeout>();
  const invoke = createInvokeHandler({
    model,
    store,
    cipher,
    clock,
    timers,
    tenantIsolated: options.tenants !== undefined,
    send,
  });
  const durable = new LambdaDurableRoutes(model);

  const server = createServer((req, res) => {
    const url = parseUrl(req.url);
    if (!url) return send(res, { status: 400, body: { message: 'bad request target' } });
    if (url.pathname.startsWith('/_model/')) {
      // Read-only views of the model: anything but GET (and HEAD) is 405, never a silent 200.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        req.resume();
        return send(
          res,
          {
            status: 405,
            body: { message: `${req.method} is not allowed on ${url.pathname}; use GET` },
          },
          { allow: 'GET, HEAD' },
        );
      }
      if (url.pathname === '/_model/durable')
        return send(res, { status: 200, body: { polls: durable.pollStats() } });
      return sendModel(res, url.pathname, model, clock);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return tooLarge(req, res);
    readBody(req, maxBodyBytes, (bodyText) => {
      if (bodyText === undefined) return tooLarge(req, res);
      if (durable.handles(url.pathname)) {
        const reply = durable.handle(req.method ?? 'GET', url, req.headers, bodyText, clock());
        return sendDurableReply(res, reply, durable, clock, timers, send);
      }
      const fn = req.method === 'POST' ? invokeFunctionName(url.pathname) : undefined;
      if (fn !== undefined) return invoke(req, res, url, fn, bodyText);
      const match = matchNotesRoute(req.method ?? 'GET', url.pathname);
      if (!isRouteMatch(match))
        return send(res, match, match.allow ? { allow: match.allow } : undefined);
      const tenant = options.tenants ? readTenant(req, url, options.tenants) : undefined;
      if (options.tenants && tenant === undefined)
        return send(res, missingTenant(options.tenants), {
          'x-amzn-ErrorType': 'InvalidParameterValueException',
        });
      const nowMs = clock();
      const decision = model.admit(match.route, nowMs, tenant);
      if (!decision.admitted) {
        return send(
          res,
          { status: 429, body: throttleBody(decision.reason) },
          {
            'x-amzn-ErrorType': 'TooManyRequestsException',
            'x-model-function': decision.functionName,
          },
        );
      }
      const reply: NotesReply = decision.failed
        ? { status: 500, body: { message: 'Internal server error' } }
        : handleNotesRequest(store, cipher, { match, bodyText, query: url.searchParams, nowMs });
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          send(res, reply, {
            'x-model-function': decision.functionName,
            'x-model-cold-start-ms': String(Math.round(decision.coldStartMs)),
          });
        },
        Math.max(0, decision.endMs - clock()),
      );
      timers.add(timer);
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    durablePolls: () => durable.pollStats(),
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host}:${bound}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** readBody collects the body as UTF-8; undefined when it grows past the limit. */
function readBody(
  req: IncomingMessage,
  limit: number,
  done: (text: string | undefined) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      done(undefined);
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    if (!over) done(Buffer.concat(chunks).toString('utf8'));
  });
  req.on('error', () => {
    over = true;
  });
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  send(
    res,
    { status: 413, body: { message: 'Request Entity Too Large' } },
    { connection: 'close' },
  );
  res.on('finish', () => req.socket.destroy());
}

function sendModel(
  res: ServerResponse,
  pathname: string,
  model: PlatformModel,
  clock: () => number,
): void {
  const nowMs = clock();
  if (pathname === '/_model/state') return send(res, { status: 200, body: model.state(nowMs) });
  model.advance(nowMs);
  if (pathname === '/_model/series')
    return send(res, { status: 200, body: { series: model.series() } });
  if (pathname === '/_model/parameters')
    return send(res, { status: 200, body: model.modelParameters() });
  send(res, { status: 404, body: { message: 'no such route' } });
}

/** send writes one JSON reply (no-op once the response has ended). */
function send(res: ServerResponse, reply: NotesReply, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const text = reply.body === null ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    ...(text ? { 'content-type': 'application/json' } : {}),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** readTenant: the request's tenant id from the configured header or query parameter. */
function readTenant(req: IncomingMessage, url: URL, carrier: TenantCarrier): string | undefined {
  const raw =
    carrier.kind === 'header' ? req.headers[carrier.name] : url.searchParams.get(carrier.name);
  const id = Array.isArray(raw) ? raw[0] : raw;
  return id === undefined || id === null || id === '' ? undefined : id;
}

function missingTenant(carrier: TenantCarrier): NotesReply {
  const where =
    carrier.kind === 'header' ? `header ${carrier.name}` : `query parameter ${carrier.name}`;
  return {
    status: 400,
    body: { message: `Tenant ID configuration not specified: send the tenant id in the ${where}` },
  };
}
