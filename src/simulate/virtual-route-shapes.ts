/**
 * virtualRouteShapes: for each request of a profile's mix, the notes route its path maps to on
 * every rendering, found once before a virtual run so that simulate does not split, decode and
 * match a path per request. Pure.
 *
 * A request has a shape when its path (not a `url`) has no random placeholder and either no
 * captured variable (the match is constant) or exactly one, filling a whole path segment that
 * the route reads as its id. The shape is found by rendering the path with a sentinel value and
 * matching it with matchNotesRoute itself. For any non-empty value v the segment renders as
 * encodeURIComponent(v): never empty, never a `/` or `?`, and decoded back to v, so the real path
 * matches the same route with id v. An empty value (no capture yet) has no shape (see shapedMatch).
 */
import { CapturePool } from '../mix/capture-pool.js';
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { RenderContext } from '../mix/render-template.js';
import type { RequestSpec } from '../profile/types.js';
import { createRandom } from '../random/seeded-random.js';
import {
  isRouteMatch,
  matchNotesRoute,
  type NotesReply,
  type RouteMatch,
} from '../notes-api/notes-routes.js';

/** The route of one request, for every rendering. */
export interface RouteShape {
  /** The match (a route, or the API's own 404/405 reply). */
  match: RouteMatch | NotesReply;
  /** The captured variable whose value is the route's id; undefined when the id is fixed. */
  idVar: string | undefined;
  /** The query string after `?` ('' for none), the same on every rendering. */
  query: string;
  /** shapedMatch's result, set with idVar: one object, its id refilled by each call. */
  readonly matched: RouteMatch | undefined;
}

const SENTINEL = '\u0001flashcrowd-route-probe\u0001';
const ENCODED_SENTINEL = encodeURIComponent(SENTINEL);
const RANDOM_PARTS = new Set(['uuid', 'int', 'words', 'text-lorem']);

/**
 * virtualRouteShapes returns one shape per prepared request (index-aligned with `specs`), or
 * undefined where the route may change from one rendering to the next.
 */
export function virtualRouteShapes(
  specs: RequestSpec[],
  requests: PreparedRequest[],
  env: Record<string, string>,
): Array<RouteShape | undefined> {
  return specs.map((spec, i) => shapeOf(spec, requests[i], env));
}

/**
 * shapedMatch returns the match of a request with shape `shape` whose captured values for this
 * rendering are `chosen`; undefined when the shape does not apply (an empty id). A match with an
 * id is the shape's own object, refilled by the next call on the same shape: read it at once.
 */
export function shapedMatch(
  shape: RouteShape,
  chosen: ReadonlyMap<string, string | undefined>,
): RouteMatch | NotesReply | undefined {
  if (shape.idVar === undefined) return shape.match;
  const id = chosen.get(shape.idVar);
  if (!id) return undefined;
  const matched = shape.matched as RouteMatch;
  matched.id = id;
  return matched;
}

function shapeOf(
  spec: RequestSpec,
  request: PreparedRequest,
  env: Record<string, string>,
): RouteShape | undefined {
  if (spec.invoke !== undefined) return undefined; // the Invoke API, not a notes route
  if (spec.url !== undefined || spec.path.parts.some((p) => RANDOM_PARTS.has(p.kind)))
    return undefined;
  const varParts = spec.path.parts.filter((p) => p.kind === 'var');
  if (varParts.length > 1) return undefined;
  const random = createRandom(0);
  const captures = new CapturePool(random);
  for (const name of request.needs) captures.add(name, SENTINEL);
  const ctx: RenderContext = { random, captures, env, chosen: new Map(), consume: false };
  const path = request.build(ctx).options.path;
  const q = path.indexOf('?');
  const pathname = q < 0 ? path : path.slice(0, q);
  const query = q < 0 ? '' : path.slice(q + 1);
  if (query.includes(ENCODED_SENTINEL)) return undefined;
  const match = matchNotesRoute(spec.method, pathname);
  if (varParts.length === 0) return { match, idVar: undefined, query, matched: undefined };
  const idVar = (varParts[0] as { name: string }).name;
  if (!isRouteMatch(match) || match.id !== SENTINEL) return undefined;
  return { match, idVar, query, matched: { route: match.route, id: SENTINEL } };
}
