import { describe, expect, it } from 'vitest';
import { throttleBody } from '../../src/notes-api/throttle-body.js';

describe('throttleBody', () => {
  it('answers the tenant-environment quota with "Rate exceeded", as Lambda does', () => {
    expect(throttleBody('tenant-environments')).toEqual({
      message: 'Rate exceeded',
      reason: 'tenant-environments',
    });
    expect(throttleBody('account-concurrency').message).toBe('Rate Exceeded.');
  });
});
