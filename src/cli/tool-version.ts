/** toolVersion: flashcrowd's version from its package.json, recorded in every run record. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(packageJsonPath(), 'utf8')) as { version: string }).version;
  return cached;
}

/**
 * The package.json of the first folder above this module that has one: src/cli/ and dist/cli/ (tsc)
 * are two folders below it, dist/bundle/chunks/ three.
 */
function packageJsonPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'package.json');
}
