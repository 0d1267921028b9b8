/**
 * Tally: request counters by outcome, cheap to update on the hot path (no allocation for a status
 * code; a Map entry only for a new transport-error code), and their plain-data form.
 *
 * Counting rules (DESIGN.md "Counting"): ok = 2xx and 3xx; throttled = 429; errors = 5xx plus
 * transport errors; other 4xx are counted by status only.
 */
import type { Totals } from '../record/run-record.js';

/** Mutable counters. Not thread-safe: one owner per thread; merge plain forms across threads. */
export class Tally {
  planned = 0;
  sent = 0;
  completed = 0;
  ok = 0;
  throttled = 0;
  errors = 0;
  /** All drops: the in-flight cap's plus the late ones. */
  dropped = 0;
  /** Drops of arrivals later than maxLateness (the rest of `dropped` hit the in-flight cap). */
  droppedLate = 0;
  /** Sent, then abandoned when the drain grace ended (neither completed nor an error). */
  aborted = 0;
  bytesReceived = 0;
  bytesSent = 0;
  readonly byStatus = new Uint32Array(600);
  readonly byError = new Map<string, number>();

  /** recordStatus counts one completed request with an HTTP status. */
  recordStatus(status: number, bytesReceived: number): void {
    this.completed++;
    this.bytesReceived += bytesReceived;
    if (status >= 0 && status < 600) this.byStatus[status]++;
    if (status >= 200 && status < 400) this.ok++;
    else if (status === 429) this.throttled++;
    else if (status >= 500) this.errors++;
  }

  /** recordError counts one completed request that failed without a status (ECONNRESET, ...). */
  recordError(code: string): void {
    this.completed++;
    this.errors++;
    this.byError.set(code, (this.byError.get(code) ?? 0) + 1);
  }

  /**
   * recordFunctionError turns one reply already counted by recordStatus (a 2xx, so ok) into an
   * error counted under `code` (a Lambda function error: the Invoke succeeded, the function did
   * not).
   */
  recordFunctionError(code: string): void {
    this.ok--;
    this.errors++;
    this.byError.set(code, (this.byError.get(code) ?? 0) + 1);
  }

  /** recordAborted counts one request still in flight when the drain grace ended. */
  recordAborted(): void {
    this.aborted++;
  }

  /** toTotals returns the plain-data form used in run.json and messages. */
  toTotals(): Totals {
    const byStatus = sparseCounts();
    for (let s = 0; s < 600; s++) if (this.byStatus[s] > 0) byStatus[String(s)] = this.byStatus[s];
    return {
      planned: this.planned,
      sent: this.sent,
      completed: this.completed,
      ok: this.ok,
      throttled: this.throttled,
      errors: this.errors,
      dropped: this.dropped,
      droppedBy: { inFlight: this.dropped - this.droppedLate, late: this.droppedLate },
      byStatus,
      byError: Object.fromEntries(this.byError),
      aborted: this.aborted,
      bytesReceived: this.bytesReceived,
      bytesSent: this.bytesSent,
    };
  }
}

/**
 * sparseCounts: an empty object for counts keyed by status code. Keys like "200" and "409" are
 * array indexes, and on a plain `{}` V8 stores them in a dense elements array about 1.5x the
 * largest key (kilobytes for four counts: a timeline of hours holds one an entry); setting and
 * deleting a far index first makes V8 keep them in a small dictionary instead. Same keys, same
 * order (integer keys ascending), same JSON.
 */
export function sparseCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  counts[FAR_INDEX] = 0;
  delete counts[FAR_INDEX];
  return counts;
}

/** An array index far past any status code (see sparseCounts). */
const FAR_INDEX = 1_000_000_000;

/** countDropped counts one planned arrival that was dropped (in-flight cap). */
export function countDropped(t: Tally): void {
  t.planned++;
  t.dropped++;
}

/** countDroppedLate counts `n` planned arrivals dropped for being later than maxLateness. */
export function countDroppedLate(t: Tally, n: number): void {
  t.planned += n;
  t.dropped += n;
  t.droppedLate += n;
}

/** countSent counts one planned arrival that was sent with a body of `bytes`. */
export function countSent(t: Tally, bytes: number): void {
  t.planned++;
  t.sent++;
  t.bytesSent += bytes;
}
