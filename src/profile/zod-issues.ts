/**
 * Turns zod issues of the profile schema into Issues a user can act on: a dotted path, a short
 * message ("must be >= 0", "unknown key") and a hint ("did you mean `rampTo`?"). Pure.
 */
import type { z } from 'zod';
import type { Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { formatIssuePath } from './issue-path.js';

type ZodIssue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** The parts of a zod schema definition this file walks to find the keys an object allows. */
interface SchemaDef {
  type: string;
  innerType?: SchemaNode;
  in?: SchemaNode;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  options?: SchemaNode[];
  valueType?: SchemaNode;
}
interface SchemaNode {
  _zod: { def: unknown };
}

/** Converts every zod issue (unions resolved to their closest branch) for a schema's input. */
export function issuesFromZod(issues: ZodIssue[], schema: SchemaNode, prefix: Path = []): Issue[] {
  return issues.flatMap((issue) => convert(issue, schema, prefix));
}

function convert(issue: ZodIssue, schema: SchemaNode, prefix: Path): Issue[] {
  const path = [...prefix, ...issue.path];
  const at = formatIssuePath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => ({
        path: formatIssuePath([...path, key]),
        message: 'unknown key',
        hint:
          didYouMean(key, known) ??
          (known.length > 0 ? `known keys: ${known.join(', ')}` : undefined),
      }));
    }
    case 'invalid_union':
      return convertUnion(issue, schema, path);
    case 'invalid_key':
      return issue.issues.map((inner) => ({ path: at, message: `key ${inner.message}` }));
    case 'invalid_type':
      return [{ path: at, message: typeMessage(issue) }];
    case 'too_small':
    case 'too_big':
      return [{ path: at, message: boundMessage(issue) }];
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, values) : undefined;
      const list = values.map((value) => `"${value}"`).join(', ');
      return [
        {
          path: at,
          message: values.length === 1 ? `must be ${list}` : `must be one of ${list}`,
          hint,
        },
      ];
    }
    case 'invalid_format':
      if (issue.format === 'url')
        return [{ path: at, message: 'must be a URL', hint: 'e.g. http://127.0.0.1:3000' }];
      return [{ path: at, message: issue.message }];
    default:
      return [{ path: at, message: issue.message, hint: hintOf(issue) }];
  }
}

/** A union failed: report the branch whose type matched, or say which types are accepted. */
function convertUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  schema: SchemaNode,
  path: Path,
): Issue[] {
  const isTypeMismatch = (branch: ZodIssue[]) =>
    branch.length > 0 &&
    branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
  const matched = issue.errors.find((branch) => !isTypeMismatch(branch));
  if (matched) return issuesFromZod(matched, schema, path);
  const expected = issue.errors.flatMap((branch) =>
    branch.flatMap((inner) => (inner.code === 'invalid_type' ? [typeName(inner.expected)] : [])),
  );
  const got =
    issue.input === undefined ? 'is required' : `must be ${[...new Set(expected)].join(' or ')}`;
  return [{ path: formatIssuePath(path), message: got }];
}

function typeMessage(issue: z.core.$ZodIssueInvalidType): string {
  if (issue.input === undefined) return 'is required';
  if (issue.expected === 'int') return 'must be a whole number';
  return `must be ${typeName(issue.expected)}, got ${describeInput(issue.input)}`;
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value)',
    array: 'a list',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    int: 'a whole number',
  };
  return names[expected] ?? expected;
}

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string')
    return `"${input.length > 40 ? `${input.slice(0, 40)}...` : input}"`;
  return typeof input === 'number' || typeof input === 'boolean' ? String(input) : typeof input;
}

function boundMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'string' || issue.origin === 'set') {
    if (small && limit === 1) return 'must not be empty';
    const unit = issue.origin === 'string' ? 'characters' : 'items';
    return `must have ${small ? 'at least' : 'at most'} ${limit} ${unit}`;
  }
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `must be ${op} ${limit}`;
}

function hintOf(issue: ZodIssue): string | undefined {
  const hint = (issue as { params?: { hint?: unknown } }).params?.hint;
  return typeof hint === 'string' ? hint : undefined;
}

/** The keys of the object schema(s) at `path`, looking through optional, default and union. */
function keysAt(schema: SchemaNode, path: Path): string[] {
  let nodes = unwrap(schema);
  for (const segment of path)
    nodes = nodes.flatMap((node) => childOf(node, segment)).flatMap(unwrap);
  return [...new Set(nodes.flatMap((node) => Object.keys(defOf(node).shape ?? {})))];
}

function defOf(node: SchemaNode): SchemaDef {
  return node._zod.def as SchemaDef;
}

function unwrap(node: SchemaNode): SchemaNode[] {
  const def = defOf(node);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [node];
}

function childOf(node: SchemaNode, segment: PropertyKey): SchemaNode[] {
  const def = defOf(node);
  if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
    return [def.shape[segment]];
  if (def.type === 'array' && typeof segment === 'number' && def.element) return [def.element];
  if (def.type === 'record' && def.valueType) return [def.valueType];
  return [];
}
