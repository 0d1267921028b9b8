/**
 * jsonPathIssue: whether a JSONPath expression (as captures and `expect.json` write it) can be
 * read by jsonpath-plus, the library that evaluates it at run time (src/mix/json-path.ts). Pure;
 * jsonpath-plus loads with the first path checked, so a profile without one never loads it.
 */
import { createRequire } from 'node:module';
import type * as JsonPathModule from 'jsonpath-plus';

let jsonPathPlus: typeof JsonPathModule | undefined;

function JSONPath(options: JsonPathModule.JSONPathOptions): unknown {
  jsonPathPlus ??= createRequire(import.meta.url)('jsonpath-plus') as typeof JsonPathModule;
  return jsonPathPlus.JSONPath(options);
}

/** The reason `path` cannot be used, or undefined when it can. */
export function jsonPathIssue(path: string): string | undefined {
  if (!path.startsWith('$')) return 'must be a JSONPath into the JSON reply, starting with $';
  try {
    // Evaluating against an empty document parses the whole path and touches no data.
    JSONPath({ path, json: {}, wrap: true, eval: 'safe' });
    return undefined;
  } catch (error) {
    return `is not a JSONPath: ${(error as Error).message}`;
  }
}
