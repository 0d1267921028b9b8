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

const SEGMENT = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[]+)/g;

function segments(path: string): Array<string | number> {
  return [...path.matchAll(SEGMENT)].map(([, index, quoted, key]) =>
    index !== undefined
      ? Number(index)
      : quoted !== undefined
        ? (JSON.parse(quoted) as string)
        : key,
  );
}

/**
 * compareIssuePaths orders formatted paths segment by segment: indexes numerically
 * (`requests[2]` before `requests[10]`), keys alphabetically, a path before its children, and
 * the root path `''` first. For Array.prototype.sort.
 */
export function compareIssuePaths(a: string, b: string): number {
  const left = segments(a);
  const right = segments(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return left.length - right.length;
}
