/**
 * SecondWindows: the open per-second windows of a timeline and the one rule by which they close.
 * Every timeline in flashcrowd goes through it: a worker's RequestRecorder, the coordinator's
 * TimelineMerger (one part per worker) and simulate's VirtualRecorder, so a real run and a
 * simulation close their seconds the same way by construction.
 *
 * The rule. Seconds close strictly in order from 0, without gaps: second s closes once the
 * caller's limit has passed it (`closeBefore(limit)` with s < limit) and its window is complete
 * (the `isComplete` given at construction; it also decides whether a second that has no window yet
 * is complete). The first incomplete second stops the closing, so no later second overtakes it.
 * `force` closes every second below the limit whatever its state (end of run, abort).
 * A closed window is handed to `emit` once and forgotten.
 *
 * Hot path: `at(second)` is called for every request. It allocates only when it opens a new window
 * (through the `open` factory), and a call for the same second as the previous one skips the Map.
 * Not thread-safe: one owner per thread.
 */

/** The timeline second (whole seconds since the run's start instant) of a time in run ms; >= 0. */
export function secondOf(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

/**
 * The recorders' completeness rule: a second is complete once every request sent in it has
 * completed or been aborted at the end of the drain (sent == completed + aborted); a second with
 * no window has nothing pending.
 */
export function allCompleted(
  w: { tally: { sent: number; completed: number; aborted?: number } } | undefined,
): boolean {
  return w === undefined || w.tally.sent === w.tally.completed + (w.tally.aborted ?? 0);
}

/** Open windows of type W keyed by second; see the file comment for the closing rule. */
export class SecondWindows<W> {
  private readonly open = new Map<number, W>();
  private next = 0;
  private highest = -1;
  private lastSecond = -1;
  private last: W | undefined = undefined;

  /**
   * @param create opens the window of a second on its first use.
   * @param isComplete whether a second's window (undefined: none opened) may close.
   */
  constructor(
    private readonly create: (second: number) => W,
    private readonly isComplete: (window: W | undefined) => boolean,
  ) {}

  /**
   * The window of `second`, opened on first use. A second that has already closed gets a new
   * window that is never emitted (callers book such late arrivals to totals only).
   */
  at(second: number): W {
    if (second === this.lastSecond && this.last !== undefined) return this.last;
    let w = this.open.get(second);
    if (w === undefined) {
      w = this.create(second);
      this.open.set(second, w);
      if (second > this.highest) this.highest = second;
    }
    this.lastSecond = second;
    this.last = w;
    return w;
  }

  /** The oldest second not closed yet (every earlier one has been emitted). */
  get nextToClose(): number {
    return this.next;
  }

  /** The highest second a window was ever opened for; -1 before the first. */
  get highestOpened(): number {
    return this.highest;
  }

  /**
   * closeBefore closes, in order, the seconds from nextToClose up to (not including) `limitSecond`
   * that may close (all of them with `force`), calling `emit(second, window)` for each; window is
   * undefined for a second nothing was recorded in. Returns how many seconds closed. The limit
   * must be finite unless `isComplete(undefined)` is false and `force` is not set.
   */
  closeBefore(
    limitSecond: number,
    emit: (second: number, window: W | undefined) => void,
    force = false,
  ): number {
    const first = this.next;
    while (this.next < limitSecond) {
      const second = this.next;
      const w = this.open.get(second);
      if (!force && !this.isComplete(w)) break;
      if (w !== undefined) this.open.delete(second);
      if (second === this.lastSecond) {
        this.lastSecond = -1;
        this.last = undefined;
      }
      this.next++;
      emit(second, w);
    }
    return this.next - first;
  }
}
