/**
 * Dotted paths of issues, as users see them: `load.phases[2].rampTo`, `headers.x-api-key`,
 * `requests[0].json.tags[1]`. Pure.
 */

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Formats a path of keys and indexes; keys that are not plain words are quoted: `a["b c"]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_KEY.test(String(segment))) text += `${text === '' ? '' : '.'}${String(segment)}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}
