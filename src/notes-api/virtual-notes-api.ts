/**
 * VirtualNotesApi: the embedded notes API without sockets, for simulate. Same routes, same store,
 * same model decisions as the HTTP server (notes-server.ts), so ids, captures, 404s and deletes
 * behave alike; the reply's time comes from the model. Not thread-safe.
 */
import type { PlatformModel } from '../model/platform-model.js';
import { NoteStore } from './note-store.js';
import {
  handleNotesRequest,
  isRouteMatch,
  matchNotesRoute,
  type NotesReply,
  type NotesRequest,
  type RouteMatch,
} from './notes-routes.js';
import { VirtualNoteCipher } from './virtual-note-cipher.js';
import { throttleBody } from './throttle-body.js';
import {
  functionRoutes,
  handleInvoke,
  INVOKE_HEADERS,
  invokeFunctionName,
} from './lambda-invoke-route.js';

/** One virtual reply. */
export interface VirtualReply {
  status: number;
  /** Reply body as data (null for none); JSON.stringify gives the bytes a server would send. */
  body: unknown;
  /** Time from arrival to reply, ms (0 for throttles and routing errors). */
  latencyMs: number;
  /** Reply headers beyond content-type/length (Invoke replies: X-Amz-Function-Error, ...). */
  headers?: Record<string, string>;
  /** The body's JSON length, set (body null) when a `bytesOnly` call's handler counted it. */
  bytes?: number;
}

/**
 * A request body given as data: the value JSON.parse reads from the body text, and that text's
 * length (mix/json-fields.ts makes them).
 */
export interface ParsedBody {
  value: unknown;
  textLength: number;
}

/** Largest accepted body, as the HTTP server's default (256 KiB). */
const MAX_BODY_BYTES = 256 * 1024;

/** Query of a path without `?` (handlers only read queries, so one instance serves all). */
const EMPTY_QUERY = new URLSearchParams();

/** Most distinct query strings whose parsed form is kept (a profile has a handful). */
const QUERY_CACHE_LIMIT = 256;

/** The notes API in virtual time. */
export class VirtualNotesApi {
  private readonly store = new NoteStore();
  /** Length-preserving stand-in for AES (the model, not the handler, sets the reply's time). */
  private readonly cipher = new VirtualNoteCipher();
  private readonly queries = new Map<string, URLSearchParams>();
  private readonly routesOf: ReturnType<typeof functionRoutes>;
  /** The request handed to the handler, refilled by each callMatched (the handler keeps none). */
  private readonly request: NotesRequest = {
    match: { route: 'list' },
    bodyText: '',
    parsedBody: undefined,
    query: EMPTY_QUERY,
    nowMs: 0,
    bytesOnly: false,
  };
  /** callMatched's reply: one object, refilled by each call. */
  private readonly out: VirtualReply = {
    status: 0,
    body: null,
    latencyMs: 0,
    bytes: undefined,
  };

  constructor(private readonly model: PlatformModel) {
    this.routesOf = functionRoutes(model);
  }

  /**
   * call handles one request arriving at `nowMs` (epoch ms, non-decreasing across calls), of
   * `tenant` when the profile has tenants (the id the HTTP server reads from the header).
   * `headers` (flat name, value, ... with lower-case names) are read by the Invoke API only
   * (`POST /2015-03-31/functions/{name}/invocations`, see lambda-invoke-route.ts).
   * `body` is the body text, or the body as data (ParsedBody).
   */
  call(
    method: string,
    pathAndQuery: string,
    body: string | ParsedBody,
    nowMs: number,
    tenant?: string,
    headers?: readonly string[],
  ): VirtualReply {
    const q = pathAndQuery.indexOf('?');
    const pathname = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
    const fn = method === 'POST' ? invokeFunctionName(pathname) : undefined;
    if (fn !== undefined) {
      const r = handleInvoke(this.model, this.routesOf, this.store, this.cipher, {
        functionName: fn,
        qualifier: q < 0 ? null : new URLSearchParams(pathAndQuery.slice(q + 1)).get('Qualifier'),
        invocationType: headerIn(headers, INVOKE_HEADERS.invocationType),
        tenant,
        bodyText: typeof body === 'string' ? body : JSON.stringify(body.value),
        nowMs,
      });
      return { status: r.status, body: r.body, latencyMs: r.latencyMs, headers: r.headers };
    }
    const match = matchNotesRoute(method, pathname);
    return this.callMatched(match, q < 0 ? '' : pathAndQuery.slice(q + 1), body, nowMs, tenant);
  }

  /**
   * callMatched is call for a request already matched by matchNotesRoute (see
   * virtual-route-shapes.ts); `queryText` is the part after `?` ('' for none). `bytesOnly`: the
   * caller reads only the body's JSON length (NotesRequest.bytesOnly): the reply may then carry
   * `bytes` instead of its body. The reply is one object refilled by the next callMatched: read
   * it at once.
   */
  callMatched(
    match: RouteMatch | NotesReply,
    queryText: string,
    body: string | ParsedBody,
    nowMs: number,
    tenant?: string,
    bytesOnly = false,
  ): VirtualReply {
    const textLength = typeof body === 'string' ? body.length : body.textLength;
    if (textLength > MAX_BODY_BYTES)
      return this.answer(413, { message: 'Request Entity Too Large' }, 0);
    if (!isRouteMatch(match)) return this.answer(match.status, match.body, 0);
    const decision = this.model.admit(match.route, nowMs, tenant);
    if (!decision.admitted) return this.answer(429, throttleBody(decision.reason), 0);
    if (decision.failed)
      return this.answer(500, { message: 'Internal server error' }, decision.latencyMs);
    const latencyMs = decision.latencyMs;
    const req = this.request;
    req.match = match;
    req.bodyText = typeof body === 'string' ? body : '';
    req.parsedBody = typeof body === 'string' ? undefined : body.value;
    req.query = queryText === '' ? EMPTY_QUERY : this.query(queryText);
    req.nowMs = nowMs;
    req.bytesOnly = bytesOnly;
    const r = handleNotesRequest(this.store, this.cipher, req);
    return this.answer(r.status, r.body, latencyMs, r.bytes);
  }

  /** answer refills callMatched's reply. */
  private answer(
    status: number,
    body: unknown,
    latencyMs: number,
    bytes: number | undefined = undefined,
  ): VirtualReply {
    const out = this.out;
    out.status = status;
    out.body = body;
    out.latencyMs = latencyMs;
    out.bytes = bytes;
    return out;
  }

  /** query parses a query string, reusing the parse of a string seen before (read-only use). */
  private query(text: string): URLSearchParams {
    let parsed = this.queries.get(text);
    if (parsed === undefined) {
      parsed = new URLSearchParams(text);
      if (this.queries.size < QUERY_CACHE_LIMIT) this.queries.set(text, parsed);
    }
    return parsed;
  }
}

/** headerIn: the value of `name` in a flat [name, value, ...] array (undefined when absent). */
function headerIn(headers: readonly string[] | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i] === name) return headers[i + 1];
  return undefined;
}
