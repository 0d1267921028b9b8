// newResultsDir: a new folder bench/results/<kind>-<stamp>[-N] for one benchmark run, made with a
// plain (non-recursive) mkdir so that two runs started in the same second never share a folder
// (the second gets `-2`, then `-3`, ...). Returns its path.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function newResultsDir(root, kind) {
  const results = join(root, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const base = join(
    results,
    `${kind}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`,
  );
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
  }
}
