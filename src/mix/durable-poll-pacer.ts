/**
 * DurablePollPacer: one worker's share of the account's GetDurableExecution budget. AWS allows 30
 * GetDurableExecution requests per second per account and Region, for every caller together
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), so the run splits the
 * budget exactly: worker i of N gets floor(B/N) polls a second, plus one for the first B mod N
 * workers; the shares sum to B.
 *
 * The rule kept: two polls of one worker are at least `gapMs = 1000 / share x (1 + margin)` apart,
 * measured on the worker's own send times. A window of one second then holds at most
 * ceil(1000 / gapMs) <= share polls of that worker, so all workers together never send more than
 * B in any second (any one-second window, not only calendar seconds). The margin (2%) absorbs the
 * jitter between a send here and its arrival at the server. Pure apart from the times it is given.
 */

/** GetDurableExecution: 30 requests/s per account and Region. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const GET_DURABLE_EXECUTION_PER_SEC = 30;
/** Durable execution starts (Invoke): 300 per second. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const DURABLE_STARTS_PER_SEC = 300;

const MARGIN = 0.02;

/** pollShare: polls per second of worker `index` of `count` under `budgetPerSec`. Pure. */
export function pollShare(budgetPerSec: number, index: number, count: number): number {
  return Math.floor(budgetPerSec / count) + (index < budgetPerSec % count ? 1 : 0);
}

export class DurablePollPacer {
  /** Least time between two polls of this worker (ms); Infinity when its share is 0. */
  readonly gapMs: number;
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(readonly sharePerSec: number) {
    this.gapMs = sharePerSec > 0 ? (1000 / sharePerSec) * (1 + MARGIN) : Number.POSITIVE_INFINITY;
  }

  /** nextAllowedMs: the earliest time the next poll may be sent (ms, the caller's clock). */
  nextAllowedMs(): number {
    if (this.sharePerSec <= 0) return Number.POSITIVE_INFINITY; // (-Infinity + Infinity is NaN)
    return this.lastMs + this.gapMs;
  }

  /** tryTake: true (and the poll counted as sent at `nowMs`) when a poll may go now. */
  tryTake(nowMs: number): boolean {
    if (nowMs < this.nextAllowedMs()) return false;
    this.lastMs = nowMs;
    return true;
  }
}
