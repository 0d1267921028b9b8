/**
 * The cross-value checks of a profile over plain inputs (names, placed templates, references),
 * so the same issue text comes from a normalized profile (rules.ts) and from a raw document that
 * failed the schema (raw-document-rules.ts). Pure; never mutates its inputs.
 */
import type { Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { formatIssuePath } from './issue-path.js';
import type { PlacedTemplate } from './profile-templates.js';
import { TEMPLATE_FUNCTIONS } from './template.js';

/** A gate's `request=` label and where the gate is (`gates[index]`). */
export interface GateReference {
  index: number;
  expr: string;
  request: string | undefined;
}

/**
 * duplicateNames: one issue a request whose name an earlier request has. `names[i]` is the name of
 * `requests[i]`, undefined when it has none (such entries are skipped, indexes kept).
 */
export function duplicateNames(names: ReadonlyArray<string | undefined>): Issue[] {
  const firstIndex = new Map<string, number>();
  return names.flatMap((name, index) => {
    if (name === undefined) return [];
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, index);
      return [];
    }
    return [
      {
        path: `requests[${index}].name`,
        message: `"${name}" is already the name of requests[${first}]`,
        hint: 'request names must be unique',
      },
    ];
  });
}

/** uncapturedVariables: one issue a `{{name}}` that no request captures, at the template's path. */
export function uncapturedVariables(
  templates: readonly PlacedTemplate[],
  captured: ReadonlySet<string>,
): Issue[] {
  return templates.flatMap(({ path, template }) =>
    template.vars
      .filter((name) => !captured.has(name))
      .map((name) => ({
        path,
        message: `unknown template function or variable "${name}" in "{{${name}}}"`,
        hint:
          didYouMean(name, [...captured, ...Object.keys(TEMPLATE_FUNCTIONS)]) ??
          `capture it on the request that creates it: capture: { ${name}: "$.id" }`,
      })),
  );
}

/** unsetEnvironmentVariables: one issue a `{{env.NAME}}` whose NAME `env` does not have. */
export function unsetEnvironmentVariables(
  templates: readonly PlacedTemplate[],
  env: Record<string, string | undefined>,
): Issue[] {
  return templates.flatMap(({ path, template }) => {
    const names = new Set(
      template.parts.flatMap((part) => (part.kind === 'env' ? [part.name] : [])),
    );
    return [...names]
      .filter((name) => env[name] === undefined)
      .map((name) => ({
        path,
        message: `environment variable ${name} is not set`,
        hint: `export ${name}=...`,
      }));
  });
}

/** unknownRequestReferences: `aws.functions` keys and gate `request=` labels naming no request. */
export function unknownRequestReferences(
  names: readonly string[],
  functionNames: readonly string[],
  gates: readonly GateReference[],
): Issue[] {
  const unknown = (name: string) => !names.includes(name);
  const hint = (name: string) => didYouMean(name, [...names]) ?? `requests: ${names.join(', ')}`;
  const functionIssues = functionNames.filter(unknown).map((name) => ({
    path: formatIssuePath(['aws', 'functions', name]),
    message: `no request is named "${name}"`,
    hint: hint(name),
  }));
  const gateIssues = gates.flatMap(({ index, expr, request }) =>
    request === undefined || !unknown(request)
      ? []
      : [
          {
            path: `gates[${index}]`,
            message: `no request is named "${request}" in "${expr}"`,
            hint: hint(request),
          },
        ],
  );
  return [...functionIssues, ...gateIssues];
}
