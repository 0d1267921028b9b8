/**
 * The built CLI when its stdout reader goes away (`flashcrowd --help | head -1`): no stack trace,
 * exit code as if the output had been read.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot } from '../helpers/run-profile.js';

describe('a closed stdout', () => {
  it('--help into a reader that closed first exits 0 without an error', async () => {
    const child = spawn(process.execPath, [binPath, '--help'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the CLI has loaded (it takes a few hundred ms), so its first write fails.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
