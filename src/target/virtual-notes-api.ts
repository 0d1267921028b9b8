/**
 * VirtualNotesApi: the embedded notes API without sockets, for simulate. Same routes, same store,
 * same model decisions as the HTTP server (notes-server.ts), so ids, captures, 404s and deletes
 * behave alike; the reply's time comes from the model. Not thread-safe.
 */
import type { PlatformModel } from '../model/platform-model.js';
import { NoteCipher } from './note-crypto.js';
import { NoteStore } from './note-store.js';
import { handleNotesRequest, isRouteMatch, matchNotesRoute } from './notes-routes.js';

/** One virtual reply. */
export interface VirtualReply {
  status: number;
  /** Reply body as data (null for none); JSON.stringify gives the bytes a server would send. */
  body: unknown;
  /** Time from arrival to reply, ms (0 for throttles and routing errors). */
  latencyMs: number;
}

/** Largest accepted body, as the HTTP server's default (256 KiB). */
const MAX_BODY_BYTES = 256 * 1024;

/** The notes API in virtual time. */
export class VirtualNotesApi {
  private readonly store = new NoteStore();
  private readonly cipher: NoteCipher;

  /** @param key 32-byte AES key (fixed for reproducible runs). */
  constructor(
    private readonly model: PlatformModel,
    key?: Buffer,
  ) {
    this.cipher = new NoteCipher(key);
  }

  /** call handles one request arriving at `nowMs` (epoch ms, non-decreasing across calls). */
  call(method: string, pathAndQuery: string, bodyText: string, nowMs: number): VirtualReply {
    const q = pathAndQuery.indexOf('?');
    const pathname = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : pathAndQuery.slice(q + 1));
    if (bodyText.length > MAX_BODY_BYTES)
      return reply(413, { message: 'Request Entity Too Large' }, 0);
    const match = matchNotesRoute(method, pathname);
    if (!isRouteMatch(match)) return reply(match.status, match.body, 0);
    const decision = this.model.admit(match.route, nowMs);
    if (!decision.admitted)
      return reply(429, { message: 'Rate Exceeded.', reason: decision.reason }, 0);
    if (decision.failed)
      return reply(500, { message: 'Internal server error' }, decision.latencyMs);
    const r = handleNotesRequest(this.store, this.cipher, {
      match,
      bodyText,
      query,
      nowMs,
    });
    return reply(r.status, r.body, decision.latencyMs);
  }
}

function reply(status: number, body: unknown, latencyMs: number): VirtualReply {
  return { status, body, latencyMs };
}
