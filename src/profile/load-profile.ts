/**
 * loadProfile: reads a profile file and parses it (parseProfile). The only profile function
 * that reads the file system on its own behalf (traces go through the same reader).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ProfileError } from '../errors.js';
import { parseProfile } from './parse-profile.js';
import type { Profile } from './types.js';

/** Options of loadProfile. */
export interface LoadProfileOptions {
  /** The environment `{{env.NAME}}` reads (the CLI passes process.env); see ParseProfileOptions. */
  env?: Record<string, string | undefined>;
  /** The `--target` that overrides the profile's `target:` (see ParseProfileOptions). */
  target?: string;
}

/**
 * Reads and parses the profile at `path` (relative to the current directory). Trace files are
 * resolved against the profile's folder. Throws ProfileError for a missing or unreadable file
 * and for every problem in it.
 */
export function loadProfile(path: string, options: LoadProfileOptions = {}): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot read it (${String(code ?? error)})`;
    throw new ProfileError(path, [
      { path: '', message, hint: 'shipped profiles are in profiles/, e.g. profiles/ci-smoke.yaml' },
    ]);
  }
  return parseProfile(text, path, {
    baseDir: dirname(resolve(path)),
    env: options.env,
    ...(options.target !== undefined ? { target: options.target } : {}),
  });
}
