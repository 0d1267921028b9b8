/**
 * What `run` loads before its first planned request, read from the sources' static imports (type
 * imports are erased and do not count; `await import()` is lazy and is not followed): the AWS SDK,
 * the cost/gate/report code and cli-table3 load only when needed, and a worker loads only undici's
 * Pool and connector (undici-parts.ts), never its index, and no AWS SDK code.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-profile.js';

/** staticGraph: every src/ file and package reached from `entry` by value imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    const imports = source.matchAll(
      /^(?:import|export)\s+(?!type\s)(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    );
    for (const [, spec] of imports) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(join(repoRoot, entry));
  return { files, packages };
}

const relative = (files: Set<string>) => [...files].map((f) => f.slice(repoRoot.length + 1));

describe('lazy imports', () => {
  it('the run command loads no AWS SDK, cost, gate or report code before the traffic', () => {
    const { files, packages } = staticGraph('src/cli/run/run-command.ts');
    expect(relative(files)).toContain('src/cli/run/run-setup.ts'); // the walk works
    expect([...packages].filter((p) => /^@aws-sdk\/|^@smithy\/|^cli-table3$/.test(p))).toEqual([]);
    // The live view's text helpers and the abort gates' evaluator are needed during the run.
    const afterTraffic =
      /^src\/pricing\/|report\/(terminal-summary|write-reports|html|text-table)|analyze-cost|finish-run|print-outcome|signing-setup/;
    expect(relative(files).filter((f) => afterTraffic.test(f))).toEqual([]);
  });

  it('the command table loads no command body', () => {
    const { files } = staticGraph('src/cli/main.ts');
    expect(relative(files).filter((f) => /-command\.ts$/.test(f))).toEqual([]);
  });

  it("a worker loads undici's Pool and connector files only, and no AWS SDK code", () => {
    const { packages } = staticGraph('src/generator/worker.ts');
    expect(packages.has('undici')).toBe(false);
    expect([...packages].filter((p) => /^@aws-sdk\/|^@smithy\//.test(p))).toEqual([]);
  });

  it('the embedded target child loads no validation library', () => {
    const { packages } = staticGraph('src/notes-api/embedded-target-child.ts');
    expect(packages.has('zod')).toBe(false);
  });
});
