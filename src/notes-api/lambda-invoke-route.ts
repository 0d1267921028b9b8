/**
 * The embedded target's Lambda Invoke API (server side), shared by the HTTP server and simulate's
 * virtual API: `POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=...]`
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html) for the model's functions
 * (notes-create, notes-read, ..., see ModelParams.routes), with Lambda's reply shapes.
 *
 * Payload -> notes operation: `{ "route"?: string, "id"?: string, "body"?: object,
 * "query"?: object }`. `route` is a notes route the function serves (create, read, update, delete,
 * list, encrypt, decrypt, sentiment, summarize); it may be left out when the function serves one
 * route only (notes-crypto serves encrypt and decrypt: give it). `id` is the note id, `body` the
 * fields of create/update ({ title, body }), `query` list's limit/cursor. The reply payload is
 * the route's JSON reply (a note for create/read, ...).
 *
 * Replies: 200 with `X-Amz-Executed-Version` (RequestResponse; 202 for Event, answered at once
 * while the execution still runs in the model); a route's 4xx -> 200 with `X-Amz-Function-Error:
 * Handled` and `{ errorType, errorMessage }` (NotFound, BadRequest, Conflict, InvalidRoute);
 * a model failure (errorRate) -> `X-Amz-Function-Error: Unhandled`, errorType `Error`; throttles
 * -> 429 TooManyRequestsException `{ message, Reason, Type }` with `x-amzn-ErrorType`; an unknown
 * function -> 404 ResourceNotFoundException; a payload that is not JSON -> 400
 * InvalidRequestContentException; an unknown invocation type -> 400 InvalidParameterValueException.
 * Pure apart from the model and store it drives.
 */
import type { PlatformModel, ThrottleReason } from '../model/platform-model.js';
import type { NoteCipher } from './note-crypto.js';
import type { NoteStore } from './note-store.js';
import { handleNotesRequest, type NotesReply, type RouteMatch } from './notes-routes.js';

/** Invoke's request and reply headers (lower case). https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
export const INVOKE_HEADERS = {
  invocationType: 'x-amz-invocation-type',
  tenantId: 'x-amz-tenant-id',
  functionError: 'x-amz-function-error',
  executedVersion: 'x-amz-executed-version',
  errorType: 'x-amzn-errortype',
} as const;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

/** An Invoke reply: status, JSON body (null for none), headers, and when it is due. */
export interface InvokeReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** From arrival to the reply (ms): the execution's time for RequestResponse, else 0. */
  latencyMs: number;
  /** Epoch ms the reply is due (arrival + latencyMs). */
  endMs: number;
}

/** One Invoke as the server or virtual API read it. */
export interface InvokeInput {
  functionName: string;
  qualifier: string | null;
  /** X-Amz-Invocation-Type as sent (undefined: RequestResponse). */
  invocationType: string | undefined;
  /** The tenant id (X-Amz-Tenant-Id) when the functions are tenant-isolated. */
  tenant: string | undefined;
  bodyText: string;
  nowMs: number;
}

/** invokeFunctionName: the function of an Invoke path, or undefined for another path. */
export function invokeFunctionName(pathname: string): string | undefined {
  const m = INVOKE_PATH.exec(pathname);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/**
 * authorizationProblem: any SigV4 credentials are accepted, but the Authorization header must be
 * there and well formed (`AWS4-HMAC-SHA256 Credential=.../<date>/<region>/lambda/aws4_request,
 * SignedHeaders=..., Signature=<hex>`); the signature is not verified. Returns the message of the
 * 403 reply, or undefined when the header is fine.
 */
export function authorizationProblem(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return 'Missing Authentication Token';
  const ok =
    /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[^/\s]+\/[^/\s]+\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/.test(
      header,
    );
  return ok ? undefined : 'Authorization header is not a well-formed SigV4 signature';
}

/** The routes each modelled function serves, in route order. */
export function functionRoutes(model: PlatformModel): Map<string, RouteMatch['route'][]> {
  const out = new Map<string, RouteMatch['route'][]>();
  for (const [route, r] of Object.entries(model.params.routes)) {
    const list = out.get(r.functionName) ?? [];
    list.push(route as RouteMatch['route']);
    out.set(r.functionName, list);
  }
  return out;
}

/** handleInvoke answers one Invoke against the model and the store (mutates both). */
export function handleInvoke(
  model: PlatformModel,
  routes: Map<string, RouteMatch['route'][]>,
  store: NoteStore,
  cipher: NoteCipher,
  input: InvokeInput,
): InvokeReply {
  const { nowMs } = input;
  const served = routes.get(input.functionName);
  if (served === undefined)
    return apiError(
      404,
      'ResourceNotFoundException',
      `Function not found: ${input.functionName}`,
      nowMs,
    );
  const type = input.invocationType ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun')
    return apiError(
      400,
      'InvalidParameterValueException',
      `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      nowMs,
    );
  const payload = parsePayload(input.bodyText);
  if (payload === undefined)
    return apiError(
      400,
      'InvalidRequestContentException',
      'Could not parse request body into json',
      nowMs,
    );
  if (type === 'DryRun') return reply(204, null, {}, 0, nowMs);
  const asked = typeof payload.route === 'string' ? payload.route : undefined;
  const route = served.find((r) => r === (asked ?? (served.length === 1 ? served[0] : '')));
  // The function runs (and is timed by the model) even when it rejects the payload's route.
  const admitted = model.admit(route ?? served[0], nowMs, input.tenant);
  if (!admitted.admitted) return throttled(admitted.reason, nowMs);
  const version =
    input.qualifier !== null && /^\d+$/.test(input.qualifier) ? input.qualifier : '$LATEST';
  const okHeaders = { [INVOKE_HEADERS.executedVersion]: version };
  if (type === 'Event') return reply(202, null, {}, 0, nowMs);
  const latencyMs = admitted.latencyMs;
  if (admitted.failed)
    return functionError(
      'Unhandled',
      'Error',
      'Internal server error',
      okHeaders,
      latencyMs,
      nowMs,
    );
  if (route === undefined)
    return functionError(
      'Handled',
      'InvalidRoute',
      `${input.functionName} serves route ${served.join(' or ')}; set "route" in the payload`,
      okHeaders,
      latencyMs,
      nowMs,
    );
  const r = handleNotesRequest(store, cipher, {
    match: { route, ...(typeof payload.id === 'string' ? { id: payload.id } : {}) },
    bodyText: JSON.stringify(payload.body ?? {}),
    query: queryOf(payload.query),
    nowMs,
  });
  if (r.status >= 400) return routeError(r, okHeaders, latencyMs, nowMs);
  return reply(200, r.body, okHeaders, latencyMs, nowMs);
}

/** Lambda's TooManyRequestsException `Reason` for each model throttle reason (assumed mapping). */
const THROTTLE_REASONS: Record<ThrottleReason, string> = {
  'account-concurrency': 'ConcurrentInvocationLimitExceeded',
  'reserved-concurrency': 'ReservedFunctionConcurrentInvocationLimitExceeded',
  'scaling-rate': 'ConcurrentInvocationLimitExceeded',
  'request-rate': 'FunctionInvocationRateLimitExceeded',
  cpu: 'ConcurrentInvocationLimitExceeded',
  concurrency: 'ConcurrentInvocationLimitExceeded',
  memory: 'ConcurrentInvocationLimitExceeded',
  'tenant-environments': 'ConcurrentInvocationLimitExceeded',
};

/**
 * A 429 TooManyRequestsException (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html);
 * the tenant-environment quota says "Rate exceeded"
 * (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html). `modelReason` names the
 * model's own reason.
 */
function throttled(reason: ThrottleReason, nowMs: number): InvokeReply {
  return reply(
    429,
    {
      message: reason === 'tenant-environments' ? 'Rate exceeded' : 'Rate Exceeded.',
      Reason: THROTTLE_REASONS[reason],
      Type: 'User',
      modelReason: reason,
    },
    { [INVOKE_HEADERS.errorType]: 'TooManyRequestsException' },
    0,
    nowMs,
  );
}

const ROUTE_ERROR_TYPES: Record<number, string> = {
  400: 'BadRequest',
  404: 'NotFound',
  409: 'Conflict',
};

function routeError(
  r: NotesReply,
  headers: Record<string, string>,
  latencyMs: number,
  nowMs: number,
): InvokeReply {
  const message = (r.body as { message?: unknown } | null)?.message;
  return functionError(
    r.status >= 500 ? 'Unhandled' : 'Handled',
    ROUTE_ERROR_TYPES[r.status] ?? (r.status >= 500 ? 'Error' : `Http${r.status}`),
    typeof message === 'string' ? message : `status ${r.status}`,
    headers,
    latencyMs,
    nowMs,
  );
}

function functionError(
  kind: 'Handled' | 'Unhandled',
  errorType: string,
  errorMessage: string,
  headers: Record<string, string>,
  latencyMs: number,
  nowMs: number,
): InvokeReply {
  return reply(
    200,
    { errorType, errorMessage },
    { ...headers, [INVOKE_HEADERS.functionError]: kind },
    latencyMs,
    nowMs,
  );
}

/** An error of the Invoke API itself (the function did not run), in AWS's JSON error shape. */
function apiError(status: number, code: string, message: string, nowMs: number): InvokeReply {
  return reply(status, { Type: 'User', message }, { [INVOKE_HEADERS.errorType]: code }, 0, nowMs);
}

function reply(
  status: number,
  body: unknown,
  headers: Record<string, string>,
  latencyMs: number,
  nowMs: number,
): InvokeReply {
  return { status, body, headers, latencyMs, endMs: nowMs + latencyMs };
}

/** The payload as an object ({} for an empty one), or undefined when it is not a JSON object. */
function parsePayload(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return undefined;
  }
}

function queryOf(value: unknown): URLSearchParams {
  const q = new URLSearchParams();
  if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) q.set(k, String(v));
  return q;
}
