/**
 * The Lambda Invoke request, client side: the path, headers and endpoint of one Invoke
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html), and resolveInvokes, which turns
 * a profile's Invoke requests (`invoke:` or a `lambda:` target) into plain HTTP requests of the
 * request table, so the generator's prepared requests, templates, SigV4 signer (service `lambda`)
 * and undici dispatch send them unchanged, and simulate's virtual API answers them.
 *
 * Contract for other senders of Invokes (e.g. durable executions): build the path with
 * invokePath, the headers with invokeHeaders, send to lambdaEndpoint, sign for service
 * INVOKE_SIGNING_SERVICE. Everything here is pure.
 */
import type { Issue } from '../errors.js';
import { literalTemplate } from '../profile/template.js';
import type { InvokeSpec, Profile, RequestSpec } from '../profile/types.js';
import type { LambdaTarget } from '../profile/lambda-target.js';

/** SigV4 service name of the Lambda API (the credential scope's service). */
export const INVOKE_SIGNING_SERVICE = 'lambda';
/** Invocation type header: RequestResponse (default), Event or DryRun. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
export const INVOCATION_TYPE_HEADER = 'x-amz-invocation-type';
/**
 * Tenant id of a tenant-isolated function (SDK field `TenantId`). https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html
 */
export const TENANT_ID_HEADER = 'x-amz-tenant-id';
/** Set on a 200 reply when the function failed: `Handled` or `Unhandled`. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
export const FUNCTION_ERROR_HEADER = 'x-amz-function-error';
/** Error code of a failed Invoke (e.g. TooManyRequestsException), on AWS JSON error replies. */
export const ERROR_TYPE_HEADER = 'x-amzn-errortype';

/**
 * invokePath: `/2015-03-31/functions/{FunctionName}/invocations[?Qualifier=...]` (request syntax of
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html), the name and qualifier URI-encoded.
 */
export function invokePath(functionName: string, qualifier?: string): string {
  const base = `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  return qualifier === undefined ? base : `${base}?Qualifier=${encodeURIComponent(qualifier)}`;
}

/** invokeHeaders: the Invoke's own headers (lower-case names), tenant id included when given. */
export function invokeHeaders(type: InvokeSpec['type'], tenantId?: string): Record<string, string> {
  return {
    [INVOCATION_TYPE_HEADER]: type,
    ...(tenantId !== undefined ? { [TENANT_ID_HEADER]: tenantId } : {}),
  };
}

/**
 * lambdaEndpoint: where Invokes go: AWS_ENDPOINT_URL_LAMBDA, else AWS_ENDPOINT_URL (the SDK's
 * service-specific endpoint variables,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else the regional
 * endpoint https://lambda.{region}.amazonaws.com
 * (https://docs.aws.amazon.com/general/latest/gr/lambda-service.html).
 */
export function lambdaEndpoint(env: Record<string, string | undefined>, region: string): string {
  const own = env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL;
  return own ? own.replace(/\/+$/, '') : `https://lambda.${region}.amazonaws.com`;
}

/** An Invoke with its function known. */
export type ResolvedInvoke = InvokeSpec & { function: string };

/** What resolveInvokes made of a profile. */
export interface ResolvedInvokes {
  /** The profile with every Invoke as an HTTP request (unchanged when it has none). */
  profile: Profile;
  /** Whether the profile sends Invokes (then every request is one). */
  invokes: boolean;
  /** The distinct functions invoked, in request order. */
  functions: string[];
  issues: Issue[];
}

/**
 * resolveInvokes: with a `lambda:` target (or any request with `invoke:`), every request becomes
 * POST invokePath(function, qualifier) with invokeHeaders(type), its json/body as the payload,
 * `invoke` kept on the spec for the reply's outcome (see invoke-outcome.ts); the profile is signed
 * with SigV4 for service lambda (region from `auth.region`, else resolved by the caller), and
 * tenants travel as X-Amz-Tenant-Id. Issues (each with its path): a path/url under a lambda:
 * target, HTTP requests mixed with Invokes, an invoke without function when the target is not
 * lambda:, auth for another service, a tenants header/query other than the default. A `durable:`
 * request (or flow step) is an Invoke of its own function already (normalize-durable.ts): it is
 * kept as it is, sent to the same endpoint and signed alike, and its status polls
 * (GetDurableExecution) go to that endpoint too. Never mutates `profile`.
 */
export function resolveInvokes(
  profile: Profile,
  target: LambdaTarget | undefined,
): ResolvedInvokes {
  const invokes = target !== undefined || profile.requests.some((r) => r.invoke !== undefined);
  if (!invokes) return { profile, invokes: false, functions: [], issues: [] };
  const issues: Issue[] = [];
  const requests = profile.requests.map((spec, index) => {
    // A durable start is an Invoke already (normalize-durable.ts): sent as written, signed alike.
    if (spec.durable !== undefined) return spec;
    const at = requestPath(spec, index);
    const invoke = resolveInvoke(spec, target, at, issues);
    return invoke ? invokeRequest(spec, invoke) : spec;
  });
  issues.push(...sharedIssues(profile));
  const functions = [
    ...new Set(requests.flatMap((r) => (r.invoke?.function ? [r.invoke.function] : []))),
  ];
  const resolved: Profile = {
    ...profile,
    requests,
    auth: { type: 'aws-sigv4', service: INVOKE_SIGNING_SERVICE, ...regionOf(profile) },
    ...(profile.tenants
      ? { tenants: { ...profile.tenants, carrier: { kind: 'header', name: TENANT_ID_HEADER } } }
      : {}),
  };
  return { profile: resolved, invokes: true, functions, issues };
}

function regionOf(profile: Profile): { region?: string } {
  const region = profile.auth?.region ?? profile.aws?.region;
  return region !== undefined ? { region } : {};
}

/** The Invoke of one request, function filled in; undefined (with an issue) when it has none. */
function resolveInvoke(
  spec: RequestSpec,
  target: LambdaTarget | undefined,
  at: string,
  issues: Issue[],
): ResolvedInvoke | undefined {
  if (spec.invoke === undefined && target === undefined) {
    issues.push({
      path: at,
      message: 'is an HTTP request in a profile of Lambda Invokes (one request sets invoke:)',
      hint: 'give every request invoke: { function }, or none of them',
    });
    return undefined;
  }
  if (target !== undefined && spec.invoke === undefined && (spec.path.source !== '' || spec.url))
    issues.push({
      path: `${at}.${spec.url ? 'url' : 'path'}`,
      message: 'is an HTTP path, but the target is lambda: (every request is an Invoke)',
      hint: 'drop path/url (the payload is json: or body:), or use an http(s) target',
    });
  const own = spec.invoke ?? { type: 'RequestResponse' as const };
  const fn = own.function ?? target?.function;
  if (fn === undefined) {
    issues.push({
      path: `${at}.invoke.function`,
      message: 'is required: the target is not lambda:FUNCTION',
      hint: 'write invoke: { function: my-function }, or --target lambda:my-function',
    });
    return undefined;
  }
  const qualifier = own.qualifier ?? (own.function === undefined ? target?.qualifier : undefined);
  return { type: own.type, function: fn, ...(qualifier !== undefined ? { qualifier } : {}) };
}

/** The HTTP request that carries one Invoke. */
function invokeRequest(spec: RequestSpec, invoke: ResolvedInvoke): RequestSpec {
  const headers = Object.fromEntries(
    Object.entries(invokeHeaders(invoke.type)).map(([k, v]) => [k, literalTemplate(v)]),
  );
  const rest: RequestSpec = { ...spec };
  delete rest.url;
  return {
    ...rest,
    method: 'POST',
    path: literalTemplate(invokePath(invoke.function, invoke.qualifier)),
    headers: { ...spec.headers, ...headers },
    invoke,
  };
}

function sharedIssues(profile: Profile): Issue[] {
  const issues: Issue[] = [];
  if (profile.auth && profile.auth.service !== INVOKE_SIGNING_SERVICE)
    issues.push({
      path: 'auth.service',
      message: `is ${profile.auth.service}, but Invokes are signed for service lambda`,
      hint: 'drop auth (Invokes are always signed), or write service: lambda',
    });
  const carrier = profile.tenants?.carrier;
  if (carrier && (carrier.kind === 'query' || carrier.name !== 'x-tenant-id'))
    issues.push({
      path: `tenants.${carrier.kind}`,
      message: 'does not apply to Invokes: the tenant id always travels as X-Amz-Tenant-Id',
      hint: `drop tenants.${carrier.kind}`,
    });
  return issues;
}

/** The document path of a request of the table (`requests:` come first; steps are under flows:). */
function requestPath(spec: RequestSpec, index: number): string {
  if (spec.flow) return `flows[${spec.flow.flowIndex}].steps[${spec.flow.stepIndex}]`;
  return `requests[${index}]`;
}
