import { describe, expect, it } from 'vitest';
import { compareIssuePaths, formatIssuePath } from '../../src/profile/issue-path.js';

describe('compareIssuePaths', () => {
  it('sorts the root first, indexes numerically, keys alphabetically, parents before children', () => {
    const paths = [
      'requests[10].name',
      'requests[2].path',
      'requests[2]',
      '',
      'headers["x y"]',
      'aws.functions.b',
      'requests[2].headers.x-key',
      'gates[0]',
    ];
    expect([...paths].sort(compareIssuePaths)).toEqual([
      '',
      'aws.functions.b',
      'gates[0]',
      'headers["x y"]',
      'requests[2]',
      'requests[2].headers.x-key',
      'requests[2].path',
      'requests[10].name',
    ]);
  });

  it('reads back what formatIssuePath writes', () => {
    const a = formatIssuePath(['headers', 'a.b']);
    const b = formatIssuePath(['headers', 'a']);
    expect(compareIssuePaths(b, a)).toBeLessThan(0);
    expect(compareIssuePaths(a, a)).toBe(0);
  });
});
