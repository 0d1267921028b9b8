/**
 * The notes API's routes: which model route a request is (matchNotesRoute), and what the function
 * behind it does (handleNotesRequest). Shared by the HTTP server and simulate's virtual API, so a
 * virtual run keeps ids, 404s and deletes exactly as the embedded one does. Pure apart from the
 * store it is given.
 */
import type { NoteCipher } from './note-crypto.js';
import type { NoteStore, StoredNote } from './note-store.js';
import { sentimentOf, summaryOf } from './note-text.js';
import { idLength, jsonBytes } from './json-bytes.js';
import { isoLength } from './iso-timestamp.js';

/** A request matched to a model route (a key of ModelParams.routes). */
export interface RouteMatch {
  route:
    | 'create'
    | 'read'
    | 'update'
    | 'delete'
    | 'list'
    | 'encrypt'
    | 'decrypt'
    | 'sentiment'
    | 'summarize';
  id?: string;
}

/** What the function replies: status and JSON body (null for no body). */
export interface NotesReply {
  status: number;
  body: unknown;
  /**
   * Set instead of the body (then null) when the request asked for `bytesOnly` and the handler
   * could count the body without making it: jsonBytes of the body it would have replied.
   */
  bytes?: number;
  /** A 405's `Allow` header: the methods the path takes. */
  allow?: string;
}

/** Inputs of one handled request. */
export interface NotesRequest {
  match: RouteMatch;
  /** Raw request body (may be malformed). */
  bodyText: string;
  /**
   * The body already parsed, equal to JSON.parse(bodyText), when the caller has it as data
   * (simulate: see mix/json-fields.ts); bodyText is then not read.
   */
  parsedBody?: unknown;
  query: URLSearchParams;
  nowMs: number;
  /**
   * The caller reads only the reply body's JSON length (simulate, a request without checks or
   * captures): a listing then replies `bytes` and no body, as its items would be new objects made
   * only to be counted. Every other reply is as without it.
   */
  bytesOnly?: boolean;
}

const ACTIONS = new Set(['encrypt', 'decrypt', 'sentiment', 'summarize']);

/**
 * matchNotesRoute maps method + path to a route, or to the API's own 404/405 (no function runs).
 */
export function matchNotesRoute(method: string, pathname: string): RouteMatch | NotesReply {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  if (parts[0] !== 'notes' || parts.length > 3) return notFound('no such route');
  if (parts.length === 1) {
    if (method === 'POST') return { route: 'create' };
    if (method === 'GET') return { route: 'list' };
    return notAllowed('GET, POST');
  }
  const id = decodeSafe(parts[1]);
  if (parts.length === 2) {
    if (method === 'GET') return { route: 'read', id };
    if (method === 'PUT') return { route: 'update', id };
    if (method === 'DELETE') return { route: 'delete', id };
    return notAllowed('GET, PUT, DELETE');
  }
  if (!ACTIONS.has(parts[2])) return notFound('no such route');
  if (method !== 'POST') return notAllowed('POST');
  return { route: parts[2] as RouteMatch['route'], id };
}

function notAllowed(allow: string): NotesReply {
  return { status: 405, body: { message: 'Method Not Allowed' }, allow };
}

/** isRouteMatch tells a match from an immediate reply. */
export function isRouteMatch(m: RouteMatch | NotesReply): m is RouteMatch {
  return 'route' in m;
}

/** handleNotesRequest runs the function of a matched route against the store (mutates it). */
export function handleNotesRequest(
  store: NoteStore,
  cipher: NoteCipher,
  req: NotesRequest,
): NotesReply {
  const { match, nowMs } = req;
  if (match.route === 'list') return listNotes(store, req.query, req.bytesOnly === true);
  if (match.route === 'create') {
    const fields = parseFields(req);
    if ('status' in fields) return fields;
    return storedReply(201, store.create(fields.title ?? '', fields.body ?? '', nowMs));
  }
  const note = store.get(match.id ?? '');
  if (!note) return notFound(`note ${match.id} not found`);
  switch (match.route) {
    case 'read':
      return storedReply(200, note);
    case 'update': {
      const fields = parseFields(req);
      if ('status' in fields) return fields;
      if (note.encrypted && fields.body !== undefined) return conflict('note is encrypted');
      return storedReply(200, store.updateNote(note, fields, nowMs));
    }
    case 'delete':
      store.deleteNote(note);
      return { status: 204, body: null };
    default:
      return noteAction(store, cipher, note, match.route, nowMs);
  }
}

function noteAction(
  store: NoteStore,
  cipher: NoteCipher,
  note: StoredNote,
  route: string,
  nowMs: number,
): NotesReply {
  if (route === 'encrypt') {
    if (note.encrypted) return conflict('note is already encrypted');
    store.updateNote(note, { body: cipher.encrypt(note.body), encrypted: true }, nowMs);
    return { status: 200, body: { id: note.id, encrypted: true, algorithm: 'AES-256-GCM' } };
  }
  if (route === 'decrypt') {
    if (!note.encrypted) return conflict('note is not encrypted');
    const plain = cipher.decrypt(note.body);
    if (plain === undefined) return { status: 500, body: { message: 'cannot decrypt note' } };
    store.updateNote(note, { body: plain, encrypted: false }, nowMs);
    return { status: 200, body: { id: note.id, encrypted: false, body: plain } };
  }
  if (note.encrypted) return conflict('note is encrypted');
  if (route === 'sentiment') {
    const { score, label, words } = sentimentOf(note.body);
    return { status: 200, body: { id: note.id, score, label, words } };
  }
  return { status: 200, body: { id: note.id, summary: summaryOf(`${note.title}. ${note.body}`) } };
}

function listNotes(store: NoteStore, query: URLSearchParams, bytesOnly: boolean): NotesReply {
  const limitText = query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return { status: 400, body: { message: 'limit must be an integer from 1 to 100' } };
  const cursor = query.get('cursor') ?? undefined;
  if (bytesOnly) return { status: 200, body: null, bytes: listBytes(store, limit, cursor) };
  const page = store.list(limit, cursor);
  return {
    status: 200,
    body: {
      items: page.items.map(({ id, title, createdAt }) => ({ id, title, createdAt })),
      nextCursor: page.nextCursor,
    },
  };
}

/** jsonBytes of a listed item `{ id, title, createdAt }` whose strings are all empty. */
const EMPTY_ITEM_BYTES = jsonBytes({ id: '', title: '', createdAt: '' });

/** listBytes' running count of one page: its items and their number (single-threaded). */
const page = { items: 0, bytes: 0 };
const countItem = (note: StoredNote): void => {
  page.items++;
  page.bytes +=
    EMPTY_ITEM_BYTES + idLength(note.seq) + note.title.length + isoLength(note.createdMs);
};

/**
 * listBytes is jsonBytes of listNotes' body for the page `store.list(limit, cursor)`, without
 * making the page or the body: `{"items":[...],"nextCursor":...}` counted field by field, each
 * item as listNotes writes it (an empty item plus its three strings' lengths), the next cursor
 * the last item's id.
 */
function listBytes(store: NoteStore, limit: number, cursor: string | undefined): number {
  page.items = 0;
  page.bytes = 0;
  const last = store.visitPage(limit, cursor, countItem);
  // `{"items":` and `,"nextCursor":` and `}`; `[`, `]` and the commas between items.
  const frame = 9 + 14 + 1 + (page.items > 0 ? page.items + 1 : 2);
  return frame + page.bytes + (last === undefined ? 4 : idLength(last.seq) + 2);
}

/** The fields of a request body, as parseFields reads them (a field absent: undefined). */
interface BodyFields {
  title: string | undefined;
  body: string | undefined;
}

/** parseFields' result: one object, refilled by each call (single-threaded; read it at once). */
const FIELDS: BodyFields = { title: undefined, body: undefined };

/**
 * parseFields reads the title and body of a create or update (an absent one undefined: the
 * store keeps it as it is), or the 400 reply of a body that is not such an object. The fields
 * are one object refilled by the next call.
 */
function parseFields(req: NotesRequest): BodyFields | NotesReply {
  let value: unknown = req.parsedBody;
  if (value === undefined)
    try {
      value = JSON.parse(req.bodyText);
    } catch {
      return { status: 400, body: { message: 'body is not valid JSON' } };
    }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { status: 400, body: { message: 'body must be a JSON object' } };
  const { title, body } = value as Record<string, unknown>;
  if (
    (title !== undefined && typeof title !== 'string') ||
    (body !== undefined && typeof body !== 'string')
  )
    return { status: 400, body: { message: 'title and body must be strings' } };
  FIELDS.title = title;
  FIELDS.body = body;
  return FIELDS;
}

/**
 * A reply whose body is `note` of the store itself, not a copy (undefined: no body, evicted by the
 * update itself): later requests may change it before the reply is written, and simulate counts
 * it with noteBytes, recognizing it as a StoredNote.
 */
function storedReply(status: number, note: StoredNote | undefined): NotesReply {
  return { status, body: note };
}

function notFound(message: string): NotesReply {
  return { status: 404, body: { message } };
}

function conflict(message: string): NotesReply {
  return { status: 409, body: { message } };
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
