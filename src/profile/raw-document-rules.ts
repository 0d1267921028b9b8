/**
 * rawDocumentRules: the rules that can judge a profile document that failed the schema, so a
 * user sees every problem at once (STYLE.md, "Errors the user can act on"): duplicate request
 * names, `{{vars}}` no request captures, unset `{{env.X}}`, and `aws.functions` / gate `request=`
 * labels naming no request. Reads whatever is well-formed and skips the rest, which the schema
 * step reports. Pure; never mutates the document.
 */
import type { Issue } from '../errors.js';
import { tryParseGateExpression } from './gate-expression.js';
import { formatIssuePath } from './issue-path.js';
import type { PlacedTemplate } from './profile-templates.js';
import {
  duplicateNames,
  uncapturedVariables,
  unknownRequestReferences,
  unsetEnvironmentVariables,
  type GateReference,
} from './rule-checks.js';
import type { RuleOptions } from './rules.js';
import { parseTemplate } from './template.js';

type Path = PropertyKey[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The template at `path` when `value` is a string that parses; syntax errors are the schema's. */
function placed(value: unknown, path: Path): PlacedTemplate[] {
  if (typeof value !== 'string') return [];
  const result = parseTemplate(value);
  return result.ok ? [{ path: formatIssuePath(path), template: result.template }] : [];
}

function jsonLeaves(value: unknown, path: Path): PlacedTemplate[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => jsonLeaves(item, [...path, i]));
  if (isRecord(value))
    return Object.entries(value).flatMap(([key, item]) => jsonLeaves(item, [...path, key]));
  return placed(value, path);
}

function recordTemplates(value: unknown, path: Path): PlacedTemplate[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => placed(item, [...path, key]));
}

/** The templates of one raw request, in the order requestTemplates gives them. */
function rawRequestTemplates(request: Record<string, unknown>, index: number): PlacedTemplate[] {
  const at = (...rest: PropertyKey[]): Path => ['requests', index, ...rest];
  return [
    ...placed(request.path, at('path')),
    ...placed(request.url, at('url')),
    ...recordTemplates(request.headers, at('headers')),
    ...placed(request.body, at('body')),
    ...(request.json === undefined ? [] : jsonLeaves(request.json, at('json'))),
  ];
}

/** The gates whose expression parses, with their `request=` label. */
function rawGates(gates: unknown): GateReference[] {
  if (!Array.isArray(gates)) return [];
  return gates.flatMap((gate: unknown, index) => {
    const expr = isRecord(gate) ? gate.expr : gate;
    if (typeof expr !== 'string') return [];
    const result = tryParseGateExpression(expr);
    return result.ok
      ? [{ index, expr: result.gate.expr, request: result.gate.labels.request }]
      : [];
  });
}

/** rawDocumentRules returns the issues of the rules above for a parsed YAML/JSON mapping. */
export function rawDocumentRules(
  document: Record<string, unknown>,
  options: RuleOptions = {},
): Issue[] {
  const requests = Array.isArray(document.requests) ? (document.requests as unknown[]) : [];
  const entries = requests.map((item) => (isRecord(item) ? item : undefined));
  const names = entries.map((r) => (typeof r?.name === 'string' ? r.name : undefined));
  const captured = new Set(
    entries.flatMap((r) => (r && isRecord(r.capture) ? Object.keys(r.capture) : [])),
  );
  const templates = [
    ...entries.flatMap((r, index) => (r ? rawRequestTemplates(r, index) : [])),
    ...recordTemplates(document.headers, ['headers']),
  ];
  const issues = [
    ...duplicateNames(names),
    ...uncapturedVariables(templates, captured),
    ...(options.env ? unsetEnvironmentVariables(templates, options.env) : []),
  ];
  // References can be judged only when every request has a name to refer to.
  const known = names.filter((name): name is string => name !== undefined);
  if (known.length === requests.length) {
    const aws = isRecord(document.aws) ? document.aws : {};
    const functionNames = isRecord(aws.functions) ? Object.keys(aws.functions) : [];
    issues.push(...unknownRequestReferences(known, functionNames, rawGates(document.gates)));
  }
  return issues;
}

/**
 * loadFieldsOfTheOtherModel: a `load` field the profile's model never reads, as written (the
 * schema's defaults would hide it): `thinkTime` in the open model; `arrivals` and `maxLateness`
 * in the closed one, whose users send one request after another.
 */
export function loadFieldsOfTheOtherModel(document: Record<string, unknown>): Issue[] {
  const load = isRecord(document.load) ? document.load : {};
  const closed = load.model === 'closed';
  const unread = closed ? ['arrivals', 'maxLateness'] : ['thinkTime'];
  return unread
    .filter((field) => field in load)
    .map((field) => ({
      path: `load.${field}`,
      message: closed
        ? 'the closed model does not read it: each user sends its next request after the reply and thinkTime'
        : 'only the closed model reads it (the pause of a virtual user between requests)',
      hint: closed
        ? `drop ${field}, or set load.model: open`
        : 'drop thinkTime, or set load.model: closed',
    }));
}
