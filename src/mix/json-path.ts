/**
 * JSONPath reads of reply bodies, for captures and `expect.json`, with jsonpath-plus (a
 * maintained implementation of the Goessner syntax that RFC 9535 grew from: `$.a.b`,
 * `$.items[0].id`, `$..id`, `$.items[*]`, filters). Filters run in its "safe" evaluator, never
 * through eval. Pure. jsonpath-plus loads on the first path that needs it (synchronously, once a
 * thread), so a worker whose paths are all `$.name` (or that has none) never pays its import.
 */
import { createRequire } from 'node:module';
import type * as JsonPathModule from 'jsonpath-plus';

let jsonPathPlus: typeof JsonPathModule | undefined;

function JSONPath(options: JsonPathModule.JSONPathOptions): unknown {
  jsonPathPlus ??= createRequire(import.meta.url)('jsonpath-plus') as typeof JsonPathModule;
  return jsonPathPlus.JSONPath(options);
}

/** jsonPathValues returns every value `path` selects in `root` ([] when none or not JSON). */
export function jsonPathValues(root: unknown, path: string): unknown[] {
  if (!path.startsWith('$') || root === null || typeof root !== 'object') return [];
  const member = memberOf(path);
  if (member !== undefined && !Array.isArray(root)) {
    // `$.name` on an object: its own property, as jsonpath-plus reads it (hot for `$.id`).
    if (!Object.prototype.hasOwnProperty.call(root, member)) return [];
    const value = (root as Record<string, unknown>)[member];
    if (value !== undefined) return [value];
  }
  try {
    const found: unknown = JSONPath({ path, json: root, wrap: true, eval: 'safe' });
    return Array.isArray(found) ? (found as unknown[]) : [];
  } catch {
    return []; // the profile checked the syntax; a reply cannot make a path throw, but be safe
  }
}

/**
 * extractJsonPath returns the first value `path` selects as a string (numbers and booleans
 * as text), or undefined when absent or not a scalar.
 */
export function extractJsonPath(root: unknown, path: string): string | undefined {
  const value = jsonPathValues(root, path)[0];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Paths `$.name` with an identifier name, and their names (a few distinct paths a profile). */
const MEMBERS = new Map<string, string | undefined>();

/** memberOf returns `name` for a path `$.name` (name an identifier), else undefined. */
function memberOf(path: string): string | undefined {
  if (MEMBERS.has(path)) return MEMBERS.get(path);
  const name = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1];
  if (MEMBERS.size < 1024) MEMBERS.set(path, name);
  return name;
}
