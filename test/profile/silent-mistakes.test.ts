// Issue 11 item 8: profile mistakes that used to pass validation silently are refused at load
// time, each naming its path: JSON duplicate keys, CR/LF in a header value or path, absolute
// URLs and paths without a leading slash in `path`.
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { parseProfile } from '../../src/profile/parse-profile.js';
import { profileFrom } from '../helpers/run-profile.js';

function issues(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ProfileError)
      return error.issues.map(
        (i) => `${i.path ? `${i.path}: ` : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`,
      );
    throw error;
  }
  return [];
}

const LOAD = 'load: { phases: [ { duration: 1s, rate: 1 } ] }';

describe('JSON duplicate keys', () => {
  it('are refused with line and column, at any depth', () => {
    const text = `{
  "name": "a",
  "load": { "phases": [ { "duration": 1, "rate": 1, "rate": 2 } ] },
  "requests": [ { "name": "g", "path": "/x" } ],
  "name": "b"
}`;
    expect(issues(() => parseProfile(text, 'p.json', { baseDir: '/' }))).toEqual([
      'line 3, column 53: duplicate key "rate" (each key may appear once in an object; JSON would silently keep the last)',
      'line 5, column 3: duplicate key "name" (each key may appear once in an object; JSON would silently keep the last)',
    ]);
  });
  it('equal keys in different objects, and keys inside strings, are fine', () => {
    const text = JSON.stringify({
      load: { phases: [{ duration: 1, rate: 1 }] },
      requests: [{ name: 'g', path: '/x', json: { name: '"name": 1', n: { name: 2 } } }],
    });
    expect(issues(() => parseProfile(text, 'p.json', { baseDir: '/' }))).toEqual([]);
  });
});

describe('paths and header values', () => {
  it('CR/LF in a header value or path is refused at load time', () => {
    expect(
      issues(() =>
        profileFrom(`${LOAD}
headers: { x-top: "a\\nb" }
requests: [ { name: g, path: "/x\\r\\nHost: evil", headers: { x-a: "a\\r\\nb" } } ]`),
      ),
    ).toEqual([
      'requests[0].path: holds a line break (CR or LF) (header values and paths are one line; remove the line break)',
      'requests[0].headers.x-a: holds a line break (CR or LF), which no HTTP header may carry (header values and paths are one line; remove the line break)',
      'headers.x-top: holds a line break (CR or LF), which no HTTP header may carry (header values and paths are one line; remove the line break)',
    ]);
  });
  it('an absolute URL or a path without a leading slash in `path` is refused with a hint', () => {
    expect(
      issues(() =>
        profileFrom(`${LOAD}
requests: [ { name: a, path: "https://api.example.test/x?token=t" }, { name: b, path: notes }, { name: c, path: "/ok/{{uuid}}" }, { name: d, path: "{{uuid}}" } ]`),
      ),
    ).toEqual([
      'requests[0].path: is an absolute URL ("https://api.example.test/x?..."); path is appended to the target (write url: for an absolute URL, or a path such as /notes with --target for the host)',
      'requests[1].path: must start with "/" (got "notes") (write /notes)',
    ]);
  });
});
