// Test helper: parse a profile text and return its issues as `path: message (hint)` lines.
import type { Issue } from '../../src/errors.js';
import { ProfileError } from '../../src/errors.js';
import type { ParseProfileOptions } from '../../src/profile/parse-profile.js';
import { parseProfile } from '../../src/profile/parse-profile.js';

/** Issues of `text` parsed as `source`; [] when it parses. Rethrows anything but ProfileError. */
export function issuesOf(
  text: string,
  source = 'p.yaml',
  options: Partial<ParseProfileOptions> = {},
): Issue[] {
  try {
    parseProfile(text, source, { baseDir: '/profiles', readFile: noFiles, ...options });
    return [];
  } catch (error) {
    if (error instanceof ProfileError) return error.issues;
    throw error;
  }
}

/** One line an issue, the way a test reads best. */
export function linesOf(issues: Issue[]): string[] {
  return issues.map(
    (i) => `${i.path ? `${i.path}: ` : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`,
  );
}

function noFiles(path: string): string {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
}

/** A minimal valid profile, to which a test adds or replaces lines. */
export const MINIMAL = `
name: t
load:
  phases:
    - { duration: 10s, rate: 5 }
requests:
  - { name: listNotes, path: /notes }
`;
