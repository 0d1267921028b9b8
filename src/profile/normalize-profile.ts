/**
 * A schema-valid written profile -> the normalized Profile of types.ts: durations in ms,
 * templates compiled, gates parsed, defaults filled. Cross-field rules are in rules.ts.
 */
import { basename, extname, resolve } from 'node:path';
import type { Issue } from '../errors.js';
import { durationToMs } from './duration.js';
import { parseGateExpression } from './gate-expression.js';
import type { TraceReader } from './normalize-phases.js';
import { normalizePhases } from './normalize-phases.js';
import type { WrittenProfile } from './profile-schema.js';
import type { WrittenCapture } from './capture-schema.js';
import type { WrittenFlow } from './flow-schema.js';
import { normalizeExpect } from './normalize-expect.js';
import type { WrittenRequest, WrittenStep } from './request-schema.js';
import { compileTemplate } from './template.js';
import { DEFAULT_ZIPF_EXPONENT } from './tenants-schema.js';
import { normalizeDurable } from './normalize-durable.js';
import type {
  CaptureSpec,
  GateSpec,
  JsonTemplate,
  Profile,
  RequestSpec,
  Template,
} from './types.js';

/** Normalizes a profile that passed the schema; trace problems come back as issues. */
export function normalizeProfile(
  written: WrittenProfile,
  source: string,
  reader: TraceReader,
): { profile: Profile; issues: Issue[] } {
  const { phases, issues } = normalizePhases(written.load.phases, reader);
  const profile: Profile = {
    name: written.name ?? basename(source, extname(source)),
    source,
    load: {
      model: written.load.model,
      maxInFlight: written.load.maxInFlight,
      arrivals: written.load.arrivals,
      thinkTimeMs: durationToMs(written.load.thinkTime) ?? 0,
      maxLatenessMs: durationToMs(written.load.maxLateness) ?? 1000,
      phases,
    },
    requests: (written.requests ?? []).map(normalizeRequest),
    flows: [],
    headers: compileRecord(written.headers),
    gates: written.gates.map(normalizeGate),
    platform: written.platform,
  };
  if (written.description !== undefined) profile.description = written.description;
  if (written.target !== undefined) profile.target = written.target;
  if (written.seed !== undefined) profile.seed = written.seed;
  if (written.aws !== undefined) profile.aws = written.aws;
  if (written.auth !== undefined) profile.auth = written.auth;
  if (written.http2) profile.http2 = true;
  if (written.tls !== undefined) profile.tls = normalizeTls(written.tls, reader.baseDir);
  if (written.tenants !== undefined) {
    const t = written.tenants;
    profile.tenants = {
      count: t.count,
      distribution: t.distribution,
      s: t.s ?? DEFAULT_ZIPF_EXPONENT,
      carrier:
        t.query !== undefined
          ? { kind: 'query', name: t.query }
          : { kind: 'header', name: (t.header ?? 'x-tenant-id').toLowerCase() },
    };
  }
  if (written.model !== undefined) profile.model = written.model;
  appendFlows(profile, written.flows ?? []);
  return { profile, issues };
}

/** TLS file paths resolved against the profile's folder (the files are read by `run`). */
function normalizeTls(
  written: NonNullable<WrittenProfile['tls']>,
  baseDir: string,
): Profile['tls'] {
  const tls: NonNullable<Profile['tls']> = { insecure: written.insecure };
  for (const k of ['ca', 'cert', 'key'] as const) {
    const file = written[k];
    if (file !== undefined) tls[k] = resolve(baseDir, file);
  }
  if (written.servername !== undefined) tls.servername = written.servername;
  return tls;
}

/** normalizeRequest: one written request or flow step -> a RequestSpec (weight 0 for a step). */
export function normalizeRequest(written: WrittenRequest | WrittenStep): RequestSpec {
  const request: RequestSpec = {
    name: written.name,
    weight: 'weight' in written ? written.weight : 0,
    method: written.method ?? (written.invoke ? 'POST' : 'GET'),
    path: compileTemplate(written.path ?? ''),
    headers: compileRecord(written.headers),
    capture: normalizeCaptures(written.capture),
  };
  if (written.url !== undefined) request.url = compileTemplate(written.url);
  if (written.json !== undefined) request.json = compileJson(written.json);
  if (written.body !== undefined) request.body = compileTemplate(written.body);
  if (written.expect !== undefined) request.expect = normalizeExpect(written.expect);
  if (written.invoke !== undefined) {
    const { function: fn, qualifier, type } = written.invoke;
    request.invoke = {
      type,
      ...(fn !== undefined ? { function: fn } : {}),
      ...(qualifier !== undefined ? { qualifier } : {}),
    };
  }
  if (written.durable !== undefined) {
    const d = normalizeDurable(written.durable);
    Object.assign(request, d.request, { headers: { ...request.headers, ...d.request.headers } });
    request.durable = d.spec;
    request.json = compileJson(written.durable.payload ?? {});
  }
  return request;
}

/** Appends every flow's steps to the request table (named `flow.step`) and records the flows. */
function appendFlows(profile: Profile, flows: WrittenFlow[]): void {
  flows.forEach((flow, flowIndex) => {
    const steps = flow.steps.map((step, stepIndex) => {
      const request = normalizeRequest(step);
      request.name = `${flow.name}.${step.name}`;
      request.flow = {
        flow: flow.name,
        step: step.name,
        flowIndex,
        stepIndex,
        thinkMs: durationToMs(step.think) ?? 0,
      };
      profile.requests.push(request);
      return profile.requests.length - 1;
    });
    profile.flows.push({ name: flow.name, weight: flow.weight, steps });
  });
}

function normalizeCaptures(written: WrittenCapture): Record<string, CaptureSpec> {
  return Object.fromEntries(
    Object.entries(written).map(([name, source]): [string, CaptureSpec] => {
      if (typeof source === 'string') return [name, { from: 'json', path: source }];
      if ('json' in source) return [name, { from: 'json', path: source.json }];
      if ('header' in source) return [name, { from: 'header', name: source.header.toLowerCase() }];
      return [name, { from: 'regex', source: source.regex, group: source.group }];
    }),
  );
}

function normalizeGate(written: WrittenProfile['gates'][number]): GateSpec {
  if (typeof written === 'string') return parseGateExpression(written);
  const delayMs = durationToMs(written.delay) ?? 0;
  return parseGateExpression(written.expr, { abortOnFail: written.abortOnFail, delayMs });
}

function compileRecord(record: Record<string, string>): Record<string, Template> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, compileTemplate(value)]),
  );
}

/** Compiles the string leaves of a JSON value into templates (the schema has checked them). */
function compileJson(value: unknown): JsonTemplate {
  if (typeof value === 'string') return compileTemplate(value);
  if (Array.isArray(value)) return value.map(compileJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compileJson(item)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}
