import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * openFileLimit reads the soft limit on open files, as `ulimit -n` prints it (undefined when it
 * cannot be read or is unlimited). Linux gives it in /proc/self/limits; elsewhere a shell is asked
 * (about 20 ms of CPU in the CLI's thread and a child process, before the traffic).
 */
export function openFileLimit(limitsText: string | undefined = procLimits()): number | undefined {
  const soft = limitsText?.match(/^Max open files\s+(\S+)/m)?.[1];
  if (soft !== undefined) return positive(Number(soft));
  try {
    return positive(Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()));
  } catch {
    return undefined;
  }
}

function procLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

/** A finite count above 0, or undefined ("unlimited" reads as NaN). */
function positive(n: number): number | undefined {
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
