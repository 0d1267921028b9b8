// A system error is the environment's problem: main reports it without calling it a bug. A DNS
// failure's code has an underscore (EAI_AGAIN), and used to be taken for a bug.
import { describe, expect, it } from 'vitest';
import { isSystemError } from '../../src/cli/main.js';

const withCode = (code: unknown) => Object.assign(new Error('x'), { code });

describe('isSystemError', () => {
  it('accepts system error codes, DNS ones too', () => {
    for (const code of ['EADDRINUSE', 'EACCES', 'ENOSPC', 'EAI_AGAIN', 'ENOTFOUND'])
      expect(isSystemError(withCode(code)), code).toBe(true);
  });

  it("rejects errors without one, and Node's ERR_ codes (a bug of ours)", () => {
    for (const code of [undefined, 42, 'ERR_INVALID_ARG_TYPE', 'Eoops', ''])
      expect(isSystemError(withCode(code)), String(code)).toBe(false);
    expect(isSystemError(null)).toBe(false);
    expect(isSystemError('EACCES')).toBe(false);
  });
});
