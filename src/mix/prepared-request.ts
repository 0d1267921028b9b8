/**
 * PreparedRequest: one request of the profile's mix, made ready for the hot path. Static parts
 * (method, origin, literal headers and bodies) are resolved once; only templates with random or
 * captured parts are rendered per request.
 */
import type { Dispatcher } from 'undici';
import type { DurableSpec, Profile, RequestSpec, StepOrigin, Template } from '../profile/types.js';
import { compileCaptures, type CaptureReader } from './capture-reader.js';
import type { ReplyNeeds } from './reply-view.js';
import { compileChecks, type ResponseChecks } from './response-check.js';
import { compileJsonFields, type JsonFields } from './json-fields.js';
import {
  compileJson,
  drawTemplate,
  isStaticJson,
  isStaticTemplate,
  renderTemplate,
  type RenderContext,
} from './render-template.js';

/**
 * A request rendered for simulate's virtual API: method, path and body as build would send them
 * (no headers, no dispatch options); a flat JSON object body stays data (see json-fields.ts).
 */
export interface VirtualRequest {
  method: string;
  /** Path and query, as BuiltRequest's options.path. */
  path: string;
  /** The body text ('' for none), or a flat JSON object body as data. */
  body: string | JsonFields;
  /** UTF-8 length of the body text, as BuiltRequest's bodyBytes. */
  bodyBytes: number;
}

/** What one send needs: dispatch options and the size of the body. */
export interface BuiltRequest {
  origin: string;
  options: Dispatcher.DispatchOptions;
  bodyBytes: number;
}

export interface PreparedRequest {
  index: number;
  name: string;
  /** Cumulative weight bound for weighted picking (exclusive upper bound). */
  weightUpper: number;
  /** Captured variables this request needs before it can be sent. */
  needs: string[];
  /** Index of the request that produces `needs` (sent instead while a pool is empty). */
  producerIndex: number;
  /** A DELETE removes the captured id it uses from the pool (the note is gone afterwards). */
  consumesCaptures: boolean;
  /** The captures read from this request's ok replies. */
  captures: CaptureReader;
  /** The response checks run on each of its replies (`expect:`). */
  checks: ResponseChecks;
  /**
   * What of a reply to keep: the body and headers only when a check or capture reads them (a
   * flow step keeps headers for its cookie jar). Nothing kept = the fast path.
   */
  keep: ReplyNeeds;
  /** Set when this request is a step of a flow. */
  flow?: StepOrigin;
  /** A Lambda Invoke: its replies are classified by invokeOutcome (headers and body kept). */
  invoke: boolean;
  /** Set for a `durable:` request: how its execution is followed (its reply headers are kept). */
  durable?: DurableSpec;
  build(ctx: RenderContext): BuiltRequest;
  /**
   * buildVirtual renders as build does (the same random draws in the same order, the same path,
   * body and bodyBytes) for simulate, without the parts only a socket needs. With `withPath`
   * false the path is drawn but not built (path ''): see virtualPath. The result is one object
   * per request of the mix, refilled by the next call: read it at once.
   */
  buildVirtual(ctx: RenderContext, withPath?: boolean): VirtualRequest;
  /**
   * virtualPath is the path buildVirtual(ctx) would have built, for the ctx of a
   * buildVirtual(ctx, false) just made; it draws nothing when every placeholder of the path
   * (not a `url:`) is a text, an env or a variable (then already in ctx.chosen).
   */
  virtualPath(ctx: RenderContext): string;
}

/** prepareRequests prepares the whole mix (indices match profile.requests). */
export function prepareRequests(
  profile: Profile,
  targetUrl: string,
  env: Record<string, string>,
  timeoutMs: number,
): PreparedRequest[] {
  let upper = 0;
  const names = profile.requests.map((r) => r.name);
  return profile.requests.map((spec, index) => {
    upper += spec.weight;
    const needs = [
      ...new Set([
        ...spec.path.vars,
        ...(spec.url?.vars ?? []),
        ...Object.values(spec.headers).flatMap((t) => t.vars),
        ...(spec.body?.vars ?? []),
        ...jsonVars(spec.json),
      ]),
    ];
    const producerIndex = spec.producer ? names.indexOf(spec.producer) : -1;
    const captures = compileCaptures(spec.capture);
    const checks = compileChecks(spec.expect);
    const prepared: PreparedRequest = {
      index,
      name: spec.name,
      weightUpper: upper,
      needs,
      producerIndex,
      consumesCaptures: spec.method.toUpperCase() === 'DELETE' && needs.length > 0,
      captures,
      checks,
      keep: {
        body:
          captures.needs.body ||
          checks.needs.body ||
          spec.invoke !== undefined ||
          spec.durable !== undefined,
        headers:
          captures.needs.headers ||
          checks.needs.headers ||
          spec.flow !== undefined ||
          spec.invoke !== undefined ||
          spec.durable !== undefined,
      },
      invoke: spec.invoke !== undefined,
      ...makeBuilder(spec, profile.headers, targetUrl, env, timeoutMs),
    };
    if (spec.flow) prepared.flow = spec.flow;
    if (spec.durable) prepared.durable = spec.durable;
    return prepared;
  });
}

function makeBuilder(
  spec: RequestSpec,
  common: Record<string, Template>,
  targetUrl: string,
  env: Record<string, string>,
  timeoutMs: number,
): Pick<PreparedRequest, 'build' | 'buildVirtual' | 'virtualPath'> {
  const headerTemplates = { ...common, ...spec.headers };
  const headerEntries = Object.entries(headerTemplates);
  const contentType = spec.json !== undefined ? 'application/json' : undefined;
  const allStatic =
    isStaticTemplate(spec.path) &&
    (!spec.url || isStaticTemplate(spec.url)) &&
    headerEntries.every(([, t]) => isStaticTemplate(t)) &&
    (!spec.body || isStaticTemplate(spec.body)) &&
    isStaticJson(spec.json);

  const renderBody = spec.json !== undefined ? compileJson(spec.json) : undefined;
  const baseOrigin = targetOrigin(targetUrl);
  const basePath = targetBasePath(targetUrl);
  const build = (ctx: RenderContext): BuiltRequest => {
    const target = spec.url ? new URL(renderTemplate(spec.url, ctx)) : undefined;
    const origin = target ? target.origin : baseOrigin;
    const path = target
      ? `${target.pathname}${target.search}`
      : joinPath(basePath, renderTemplate(spec.path, ctx));
    const headers: string[] = [];
    for (const [k, t] of headerEntries) headers.push(k, renderTemplate(t, ctx));
    let body: string | undefined;
    if (renderBody !== undefined) body = renderBody(ctx);
    else if (spec.body) body = renderTemplate(spec.body, ctx);
    if (contentType && !headerTemplates['content-type']) headers.push('content-type', contentType);
    return {
      origin,
      bodyBytes: body ? Buffer.byteLength(body) : 0,
      options: {
        origin,
        path,
        method: spec.method,
        headers,
        body: body ?? null,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
    };
  };
  const renderFields = compileJsonFields(spec.json);
  const virtualPath = (ctx: RenderContext): string => {
    if (!spec.url) return joinPath(basePath, renderTemplate(spec.path, ctx));
    const target = new URL(renderTemplate(spec.url, ctx));
    return `${target.pathname}${target.search}`;
  };
  /** buildVirtual's result, refilled by each call. */
  const out: VirtualRequest = { method: spec.method, path: '', body: '', bodyBytes: 0 };
  /** The same rendering as build (url, path, headers, body, in that order). */
  const buildVirtual = (ctx: RenderContext, withPath = true): VirtualRequest => {
    let path = '';
    if (withPath || spec.url) path = virtualPath(ctx);
    else drawTemplate(spec.path, ctx);
    for (let i = 0; i < headerEntries.length; i++) renderTemplate(headerEntries[i][1], ctx);
    out.path = path;
    if (renderFields !== undefined) {
      const fields = renderFields(ctx);
      out.body = fields;
      out.bodyBytes = fields.bytes;
      return out;
    }
    let body = '';
    if (renderBody !== undefined) body = renderBody(ctx);
    else if (spec.body) body = renderTemplate(spec.body, ctx);
    out.body = body;
    out.bodyBytes = body ? Buffer.byteLength(body) : 0;
    return out;
  };
  if (!allStatic) return { build, buildVirtual, virtualPath };
  // Literal request: build once with a context that no placeholder reads.
  let cached: BuiltRequest | undefined;
  let cachedVirtual: VirtualRequest | undefined;
  return {
    build: (ctx) => (cached ??= build({ ...ctx, env })),
    buildVirtual: (ctx) => (cachedVirtual ??= buildVirtual({ ...ctx, env })),
    virtualPath: (ctx) => (cachedVirtual ??= buildVirtual({ ...ctx, env })).path,
  };
}

function jsonVars(j: RequestSpec['json']): string[] {
  if (j === undefined || j === null || typeof j !== 'object') return [];
  if (Array.isArray(j)) return j.flatMap(jsonVars);
  if ('parts' in j && Array.isArray(j.parts)) return (j as Template).vars;
  return Object.values(j).flatMap(jsonVars);
}

function targetOrigin(targetUrl: string): string {
  return new URL(targetUrl).origin;
}

function targetBasePath(targetUrl: string): string {
  const p = new URL(targetUrl).pathname;
  return p === '/' ? '' : p.replace(/\/$/, '');
}

function joinPath(base: string, path: string): string {
  if (path === '') return base || '/';
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * pickRequest chooses from the weighted mix: `r` is uniform in [0, total weight). A request that
 * needs a captured value before one exists runs its producer instead (up to 4 hops). Shared by
 * the real sender and the simulator so both pick exactly alike.
 */
export function pickRequest(
  reqs: readonly PreparedRequest[],
  hasCaptures: (names: readonly string[]) => boolean,
  r: number,
): number {
  let i = 0;
  while (i < reqs.length - 1 && r >= reqs[i].weightUpper) i++;
  let req = reqs[i];
  for (let hops = 0; req.needs.length > 0 && !hasCaptures(req.needs) && hops < 4; hops++) {
    if (req.producerIndex < 0) break;
    req = reqs[req.producerIndex];
  }
  return req.index;
}
