// Keeps a generated JSON file in step with its source: compares, or rewrites the file when
// UPDATE_SCHEMAS=1 (then the comparison is skipped for that run, and the diff shows in git).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Serializes `value` the way generated schema files are committed (2 spaces, final newline). */
export function serializeSchema(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Asserts that `path` holds `value`; with UPDATE_SCHEMAS=1 writes it instead. */
export function expectFileInSync(path: string, value: unknown, command: string): void {
  const text = serializeSchema(value);
  if (process.env.UPDATE_SCHEMAS === '1') {
    writeFileSync(path, text);
    return;
  }
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
  expect(committed, `${path} is out of date; run: UPDATE_SCHEMAS=1 ${command}`).toBe(text);
}
