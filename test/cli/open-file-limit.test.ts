import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openFileLimit } from '../../src/cli/run/open-file-limit.js';

const limits = (soft: string) =>
  'Limit                     Soft Limit           Hard Limit           Units     \n' +
  'Max processes             127431               127431               processes \n' +
  `Max open files            ${soft.padEnd(21)}1048576              files     \n`;

describe('openFileLimit', () => {
  it("reads the soft limit from /proc/self/limits' text", () => {
    expect(openFileLimit(limits('1024'))).toBe(1024);
    expect(openFileLimit(limits('unlimited'))).toBeUndefined();
  });

  it('gives what `ulimit -n` prints on this machine', () => {
    const shell = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
    expect(openFileLimit()).toBe(shell);
  });
});
