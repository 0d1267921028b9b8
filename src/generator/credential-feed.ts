/**
 * CredentialFeed: the run's AWS credentials, resolved once in the main thread and refreshed
 * there before they expire; the coordinator passes the current ones to each worker at spawn and
 * every refresh to all workers (message `credentials`). One resolution for all workers keeps the
 * credential chain's calls (SSO, STS, instance metadata) to one per refresh, whatever the worker
 * count, and lets a missing credential fail the run before any worker starts.
 * Main thread only; listeners are called synchronously, in subscription order.
 */
import {
  toAwsCredentials,
  type AwsCredentials,
  type CredentialProvider,
} from './aws-credentials.js';

/** What the coordinator needs: the current credentials and their refreshes. */
export interface CredentialSource {
  current(): AwsCredentials;
  /** subscribe calls `listener` with each refreshed set; returns the unsubscribe function. */
  subscribe(listener: (credentials: AwsCredentials) => void): () => void;
}

export interface CredentialFeedOptions {
  provider: CredentialProvider;
  /**
   * Refresh this long before expiry. Default 5 minutes: the window in which the SDK's own
   * default chain treats credentials as expired (credentialsTreatedAsExpired, 300,000 ms).
   */
  refreshAheadMs?: number;
  /** After a failed refresh, try again this much later (default 30 s). */
  retryMs?: number;
  /** A refresh failed (the message names no secret); the old credentials stay in use. */
  onWarning: (message: string) => void;
  /** Epoch milliseconds (default Date.now). */
  now?: () => number;
}

/** setTimeout's largest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class CredentialFeed implements CredentialSource {
  private readonly listeners = new Set<(credentials: AwsCredentials) => void>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private credentials: AwsCredentials,
    private readonly o: CredentialFeedOptions,
  ) {
    this.schedule(this.refreshDelayMs());
  }

  /** start resolves the first credentials; rejects with the provider's error when there are none. */
  static async start(options: CredentialFeedOptions): Promise<CredentialFeed> {
    return new CredentialFeed(toAwsCredentials(await options.provider()), options);
  }

  current(): AwsCredentials {
    return this.credentials;
  }

  subscribe(listener: (credentials: AwsCredentials) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** stop cancels the refresh timer; safe to call twice. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** null: long-term credentials, never refreshed. */
  private refreshDelayMs(): number | null {
    const expires = this.credentials.expiresAtMs;
    if (expires === undefined) return null;
    return Math.max(1000, expires - (this.o.refreshAheadMs ?? 300_000) - this.now());
  }

  private schedule(delayMs: number | null): void {
    if (delayMs === null || this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(), Math.min(delayMs, MAX_TIMER_MS));
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    this.timer = null;
    try {
      const fresh = toAwsCredentials(await this.o.provider({ forceRefresh: true }));
      if (this.stopped) return;
      this.credentials = fresh;
      for (const listener of this.listeners) listener(fresh);
      this.schedule(this.refreshDelayMs());
    } catch (error) {
      if (this.stopped) return;
      const retryMs = this.o.retryMs ?? 30_000;
      const expires = this.credentials.expiresAtMs;
      this.o.onWarning(
        `could not refresh the AWS credentials for signing (${(error as Error).message}); ` +
          `the current ones expire at ${expires ? new Date(expires).toISOString() : 'an unknown time'}; ` +
          `retrying in ${Math.round(retryMs / 1000)} s`,
      );
      this.schedule(retryMs);
    }
  }
}
