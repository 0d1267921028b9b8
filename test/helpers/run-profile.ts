/**
 * Helpers to build profiles in tests (through the real parser) and to run the built CLI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseProfile } from '../../src/profile/parse-profile.js';
import type { Profile } from '../../src/profile/types.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const binPath = join(repoRoot, 'bin/flashcrowd.js');

/** profileFrom parses YAML text with the real profile parser. */
export function profileFrom(yaml: string): Profile {
  return parseProfile(yaml, 'test.yaml', { baseDir: tmpdir() });
}

/** tempDir returns a fresh temporary folder. */
export function tempDir(prefix = 'flashcrowd-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** writeProfile writes YAML into a fresh temp folder and returns its path. */
export function writeProfile(yaml: string, dir = tempDir()): string {
  const path = join(dir, 'profile.yaml');
  writeFileSync(path, yaml);
  return path;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** runCli runs `node bin/flashcrowd.js ...args` and resolves when it exits. */
export function runCli(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    onStart?: (child: ReturnType<typeof spawn>) => void;
    /** Run in its own process group, so a test can signal the whole group as a terminal does. */
    processGroup?: boolean;
    timeoutMs?: number;
  } = {},
): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, CI: process.env.CI ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.processGroup ?? false,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveResult({ code, signal, stdout, stderr });
    });
    options.onStart?.(child);
  });
}
