/**
 * RateBucket: a token bucket of `ratePerSec` tokens a second, refilled continuously, holding at
 * most one second's worth (unused rate does not accumulate beyond that). Used for Lambda's
 * request-rate limit: 10 x the concurrency limit requests per second, per function and per
 * account (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html: "1,000 execution
 * environments every 10 seconds, or 10,000 requests per second every 10 seconds").
 * Not thread-safe; times are epoch ms, never decreasing.
 */
export class RateBucket {
  private tokens: number;
  private refilledAtMs: number;

  constructor(
    private readonly ratePerSec: number,
    startMs: number,
  ) {
    this.tokens = ratePerSec;
    this.refilledAtMs = startMs;
  }

  /** has reports whether one token is available at `nowMs` (refilling first); does not take it. */
  has(nowMs: number): boolean {
    const dt = nowMs - this.refilledAtMs;
    if (dt > 0) {
      this.tokens = Math.min(this.ratePerSec, this.tokens + (dt * this.ratePerSec) / 1000);
      this.refilledAtMs = nowMs;
    }
    return this.tokens >= 1;
  }

  /** take removes one token; call only after has() returned true at the same time. */
  take(): void {
    this.tokens -= 1;
  }
}
