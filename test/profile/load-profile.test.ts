import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatIssues, ProfileError } from '../../src/errors.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { MINIMAL } from './profile-issues.js';

const folder = mkdtempSync(join(tmpdir(), 'flashcrowd-load-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function caught(run: () => unknown): ProfileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProfileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileError');
}

describe('loadProfile', () => {
  test('reads and parses a file', () => {
    const path = join(folder, 'ok.yaml');
    writeFileSync(path, MINIMAL);
    expect(loadProfile(path)).toMatchObject({ name: 't', source: path });
  });

  test('a missing file is a ProfileError naming the file', () => {
    const path = join(folder, 'nope.yaml');
    const error = caught(() => loadProfile(path));
    expect(error.source).toBe(path);
    expect(error.issues).toEqual([
      { path: '', message: 'no such file', hint: expect.stringContaining('profiles/') },
    ]);
  });

  test('a folder is a ProfileError', () => {
    expect(caught(() => loadProfile(folder)).issues[0].message).toBe('is a folder, not a file');
  });

  test('a syntax error reads file: line, column', () => {
    const path = join(folder, 'p.yaml');
    writeFileSync(path, 'name: x\nload: { phases: [ }\n');
    const error = caught(() => loadProfile(path));
    // The CLI prints `${source}: ${message}` for issues without a path.
    expect(`${error.source}: ${error.issues[0].message}`).toMatch(/p\.yaml: line 2, column 19: /);
  });

  test('checks environment variables against the given environment', () => {
    const path = join(folder, 'env.yaml');
    writeFileSync(path, `${MINIMAL}headers: { authorization: 'Bearer {{env.TOKEN}}' }\n`);
    expect(formatIssues(caught(() => loadProfile(path, { env: {} })).issues)).toBe(
      '  - headers.authorization: environment variable TOKEN is not set (export TOKEN=...)',
    );
    expect(loadProfile(path, { env: { TOKEN: 't' } }).headers.authorization.source).toBe(
      'Bearer {{env.TOKEN}}',
    );
  });
});
