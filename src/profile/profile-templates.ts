/**
 * Every template of a normalized profile with the dotted path it was written at, so rules can
 * name where a variable or environment variable is used. Pure.
 */
import { formatIssuePath } from './issue-path.js';
import type { JsonTemplate, Profile, RequestSpec, Template } from './types.js';

/** A template and where it is: `requests[1].path`, `headers.x-api-key`, `requests[0].json.title`. */
export interface PlacedTemplate {
  path: string;
  template: Template;
}

/**
 * The templates of one request (path, url, headers, body, JSON leaves), in that order, at
 * `requests[index]`, or at `flows[f].steps[s]` for a flow step.
 */
export function requestTemplates(request: RequestSpec, index: number): PlacedTemplate[] {
  const prefix = requestPath(request, index);
  const at = (...rest: PropertyKey[]) => formatIssuePath([...prefix, ...rest]);
  const placed: PlacedTemplate[] = [{ path: at('path'), template: request.path }];
  if (request.url) placed.push({ path: at('url'), template: request.url });
  for (const [name, template] of Object.entries(request.headers))
    placed.push({ path: at('headers', name), template });
  if (request.body) placed.push({ path: at('body'), template: request.body });
  if (request.json !== undefined) placed.push(...jsonTemplates(request.json, [...prefix, 'json']));
  return placed;
}

/** Where a request of the request table was written: `requests[i]` or `flows[f].steps[s]`. */
export function requestPath(request: RequestSpec, index: number): PropertyKey[] {
  return request.flow
    ? ['flows', request.flow.flowIndex, 'steps', request.flow.stepIndex]
    : ['requests', index];
}

/** Every template of the profile: each request's, then the top-level headers. */
export function profileTemplates(profile: Profile): PlacedTemplate[] {
  const headers = Object.entries(profile.headers).map(([name, template]) => ({
    path: formatIssuePath(['headers', name]),
    template,
  }));
  return [...profile.requests.flatMap(requestTemplates), ...headers];
}

/** True when a JsonTemplate node is a compiled template rather than a JSON object. */
export function isTemplate(value: JsonTemplate): value is Template {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Array.isArray(value.parts) &&
    typeof value.source === 'string'
  );
}

function jsonTemplates(value: JsonTemplate, path: PropertyKey[]): PlacedTemplate[] {
  if (value === null || typeof value !== 'object') return [];
  if (isTemplate(value)) return [{ path: formatIssuePath(path), template: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => jsonTemplates(item, [...path, i]));
  return Object.entries(value).flatMap(([key, item]) => jsonTemplates(item, [...path, key]));
}
