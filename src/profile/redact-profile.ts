/**
 * redactProfile: the resolved profile as stored in run.json. Templates appear as their source
 * text, so `{{env.API_KEY}}` is stored and the secret it stands for never is. Pure.
 */
import { isTemplate } from './profile-templates.js';
import { REDACTED, redactUrl } from './redact-url.js';
import type { JsonTemplate, Profile, RequestSpec, Template } from './types.js';

/** Header names whose literal values are secrets even when written into the profile. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-amz-security-token',
]);

/** Placeholder stored in place of a literal secret header value (and URL secrets). */
export { REDACTED };

/**
 * A JSON-ready copy of `profile` for run.json: templates as source text, environment variables
 * never resolved, and literal values of secret headers (authorization, cookie, x-api-key, ...)
 * replaced by `[redacted]` unless they come from `{{env.NAME}}`; URLs (target, request url and
 * path) through redactUrl (userinfo and secret-looking query values). Does not mutate `profile`.
 */
export function redactProfile(profile: Profile): Record<string, unknown> {
  return {
    ...profile,
    ...(profile.target !== undefined ? { target: redactUrl(profile.target) } : {}),
    load: { ...profile.load, phases: profile.load.phases.map((phase) => ({ ...phase })) },
    requests: profile.requests.map(redactRequest),
    headers: redactHeaders(profile.headers),
    gates: profile.gates.map((gate) => ({ ...gate, labels: { ...gate.labels } })),
  };
}

function redactRequest(request: RequestSpec): Record<string, unknown> {
  const redacted: Record<string, unknown> = {
    ...request,
    path: redactUrl(request.path.source),
    headers: redactHeaders(request.headers),
    capture: writtenCaptures(request.capture),
  };
  if (request.url) redacted.url = redactUrl(request.url.source);
  if (request.body) redacted.body = request.body.source;
  if (request.json !== undefined) redacted.json = jsonSource(request.json);
  return redacted;
}

/** Captures as written: `"$.id"` for JSON, `{ header }` and `{ regex, group }` for the others. */
function writtenCaptures(capture: RequestSpec['capture']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(capture).map(([name, spec]): [string, unknown] => {
      if (spec.from === 'json') return [name, spec.path];
      if (spec.from === 'header') return [name, { header: spec.name }];
      return [name, { regex: spec.source, group: spec.group }];
    }),
  );
}

function redactHeaders(headers: Record<string, Template>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, template]) => {
      const literalSecret =
        SECRET_HEADERS.has(name.toLowerCase()) &&
        !template.parts.some((part) => part.kind === 'env');
      return [name, literalSecret && template.source !== '' ? REDACTED : template.source];
    }),
  );
}

function jsonSource(value: JsonTemplate): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isTemplate(value)) return value.source;
  if (Array.isArray(value)) return value.map(jsonSource);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonSource(item)]));
}
