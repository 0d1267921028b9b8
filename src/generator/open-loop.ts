/**
 * OpenLoop: the arrival-rate pacer of one worker. Sends each arrival of this worker's share at its
 * planned time; never slips the schedule (a late generator is measured as lateness, a full
 * in-flight cap drops and counts). An arrival later than `maxLatenessMs` is dropped and counted
 * (dropped.late) instead of sent, in bulk through ArrivalCursor.skipBefore (one booking a second
 * of the schedule, however high the rate), so a generator that cannot keep up sends at its own
 * capacity, its windows keep closing, and it finishes at most `maxLatenessMs` after the schedule's
 * end. Timer strategy: a bounded batch of due arrivals per turn so
 * replies are read in between; setImmediate while arrivals are already due (behind schedule),
 * otherwise setTimeout to the next due arrival but at least TURN_MS away, so each arrival goes out
 * within about 2-3 ms of its planned time. (Spinning on setImmediate for sub-millisecond waits kept lateness near 0.5 ms but cost
 * 2.6x the CPU at 5,000 req/s; see bench/README.md.)
 */
import type { ArrivalCursor } from '../schedule/arrival-cursor.js';
import type { MixRunner } from './mix-runner.js';

/** Most arrivals sent in one event-loop turn before yielding to I/O. */
const BATCH_LIMIT = 64;

/**
 * Shortest sleep of the pacer (ms) while arrivals come closer together than that: the arrivals
 * due within it go out in one turn, so their replies come back together too and the event loop
 * wakes fewer times per request. At 5,000 req/s, 2 ms took about 6% off the run's CPU with
 * lateness p50 unchanged (0.7 ms) and p99 about 3.5 ms; 3 ms took 16% off but doubled p50 and
 * pushed p99 past 5 ms (bench/README.md, "The open loop's pacer").
 */
const TURN_MS = 2;

/** What the open loop sends arrivals through: the worker's MixRunner (a RequestSender in tests). */
export type ArrivalSink = Pick<MixRunner, 'pick' | 'send' | 'dropLate' | 'markScheduledUpTo'>;

export class OpenLoop {
  private nextMs: number;
  private nextPhase: number;
  private stopped = false;
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;

  constructor(
    private readonly cursor: ArrivalCursor,
    private readonly sender: ArrivalSink,
    private readonly now: () => number,
    private readonly onScheduleEnd: () => void,
    private readonly maxLatenessMs = Infinity,
  ) {
    this.nextMs = cursor.next();
    this.nextPhase = cursor.phaseIndex;
  }

  /** start begins pacing; arrivals already due are sent at once. */
  start(): void {
    this.pump();
  }

  /** stop sends nothing more (in-flight requests go on). */
  stop(): void {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
  }

  private readonly pump = (): void => {
    this.timer = null;
    if (this.stopped) return;
    let sent = 0;
    let now = this.now();
    let lateBeforeMs = now - this.maxLatenessMs;
    while (this.nextMs <= now && sent < BATCH_LIMIT) {
      if (this.nextMs < lateBeforeMs) this.dropLate(lateBeforeMs);
      else this.sender.send(this.nextMs, this.sender.pick(), this.nextPhase);
      this.nextMs = this.cursor.next();
      this.nextPhase = this.cursor.phaseIndex;
      sent++;
      if ((sent & 15) === 0) {
        now = this.now();
        lateBeforeMs = now - this.maxLatenessMs;
      }
    }
    // Windows of seconds before nextMs may close now; later ones still have arrivals to come.
    this.sender.markScheduledUpTo(this.nextMs);
    if (this.nextMs === Infinity) {
      this.stopped = true;
      this.onScheduleEnd();
      return;
    }
    const waitMs = this.nextMs - this.now();
    // setTimeout fires up to 1 ms late (its clock is in whole ms), hence the 1 ms taken off.
    this.timer =
      waitMs <= 0 ? setImmediate(this.pump) : setTimeout(this.pump, Math.max(waitMs, TURN_MS) - 1);
  };

  /**
   * Drops the arrival at nextMs and every later one planned before `beforeMs`, up to the end of
   * nextMs's second and phase (so each bulk books into one window and one phase).
   */
  private dropLate(beforeMs: number): void {
    const secondEndMs = (Math.floor(this.nextMs / 1000) + 1) * 1000;
    const count = 1 + this.cursor.skipBefore(Math.min(beforeMs, secondEndMs));
    this.sender.dropLate(this.nextMs, this.nextPhase, count);
  }
}
