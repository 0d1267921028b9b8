import { execFileSync } from 'node:child_process';

/** openFileLimit reads `ulimit -n` (undefined when it cannot be read or is unlimited). */
export function openFileLimit(): number | undefined {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    const n = Number(out);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
