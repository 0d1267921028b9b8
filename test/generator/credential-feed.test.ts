/**
 * CredentialFeed with a fake clock and timers: temporary credentials are refreshed the refresh
 * window before they expire and handed to subscribers; long-term keys never are; a failed
 * refresh warns (naming no secret), keeps the old set and retries; stop() ends refreshing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsIdentity } from '../../src/generator/aws-credentials.js';
import { CredentialFeed } from '../../src/generator/credential-feed.js';

const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

function identity(n: number, expiresInMs?: number): AwsIdentity {
  return {
    accessKeyId: `ASIA${n}`,
    secretAccessKey: `secret-${n}`,
    sessionToken: `token-${n}`,
    ...(expiresInMs !== undefined ? { expiration: new Date(Date.now() + expiresInMs) } : {}),
  };
}

describe('CredentialFeed', () => {
  it('refreshes 5 minutes before expiry, forcing the provider past its cache, and tells subscribers', async () => {
    let n = 0;
    const calls: Array<boolean | undefined> = [];
    const provider = vi.fn((o?: { forceRefresh?: boolean }) => {
      calls.push(o?.forceRefresh);
      return Promise.resolve(identity(++n, 15 * MIN));
    });
    const feed = await CredentialFeed.start({ provider, onWarning: () => {} });
    const seen: string[] = [];
    feed.subscribe((c) => seen.push(c.accessKeyId));
    expect(feed.current()).toMatchObject({ accessKeyId: 'ASIA1', sessionToken: 'token-1' });
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['ASIA2']);
    expect(feed.current().accessKeyId).toBe('ASIA2');
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(seen).toEqual(['ASIA2', 'ASIA3']);
    expect(calls).toEqual([undefined, true, true]);
    feed.stop();
  });

  it('never refreshes long-term keys', async () => {
    const provider = vi.fn(() => Promise.resolve(identity(1)));
    const feed = await CredentialFeed.start({ provider, onWarning: () => {} });
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN);
    expect(provider).toHaveBeenCalledTimes(1);
    feed.stop();
  });

  it('keeps the old credentials and retries after a failed refresh, with a warning that names no secret', async () => {
    let n = 0;
    const provider = vi.fn(() => {
      n++;
      if (n === 2) return Promise.reject(new Error('SSO session expired'));
      return Promise.resolve(identity(n, 6 * MIN));
    });
    const warnings: string[] = [];
    const feed = await CredentialFeed.start({ provider, onWarning: (m) => warnings.push(m) });
    await vi.advanceTimersByTimeAsync(MIN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('SSO session expired');
    expect(warnings[0]).toContain('retrying in 30 s');
    expect(warnings[0]).not.toContain('secret-1');
    expect(feed.current().accessKeyId).toBe('ASIA1');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(feed.current().accessKeyId).toBe('ASIA3');
    feed.stop();
  });

  it('stop() cancels the next refresh', async () => {
    const provider = vi.fn(() => Promise.resolve(identity(1, 6 * MIN)));
    const feed = await CredentialFeed.start({ provider, onWarning: () => {} });
    feed.stop();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('rejects when the provider finds no credentials', async () => {
    const provider = () =>
      Promise.reject(new Error('Could not load credentials from any providers'));
    await expect(CredentialFeed.start({ provider, onWarning: () => {} })).rejects.toThrow(
      'Could not load credentials',
    );
  });
});
