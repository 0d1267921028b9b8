/**
 * ClosedLoop: virtual users for the closed model. Each user sends a request (or runs a whole flow
 * instance), waits for its reply (or its end), thinks for `thinkTimeMs`, and repeats while its phase wants it; the number of users follows the
 * phases (this worker's exact share of each phase's `users`). A request's planned time is when its
 * user meant to send it, so latency still counts from intent.
 */
import type { Phase } from '../profile/types.js';
import { clampedPhaseAt, totalDurationMs } from '../schedule/phase-timeline.js';
import { usersAt } from '../schedule/users-at.js';
import type { MixRunner } from './mix-runner.js';

export class ClosedLoop {
  private readonly endMs: number;
  private active = 0;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private controlTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly phases: Phase[],
    private readonly share: (users: number) => number,
    private readonly thinkTimeMs: number,
    private readonly mix: MixRunner,
    private readonly now: () => number,
    private readonly onScheduleEnd: () => void,
  ) {
    this.endMs = totalDurationMs(phases);
  }

  /** start launches the users of the first phase and follows phase changes every 50 ms. */
  start(): void {
    this.control();
    this.controlTimer = setInterval(() => this.control(), 50);
  }

  /** stop: users send nothing more. */
  stop(): void {
    this.stopped = true;
    if (this.controlTimer) clearInterval(this.controlTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /**
   * This worker's users wanted at `tMs` (0 from the schedule's end on). A timer may fire a
   * fraction of a millisecond before the start instant: such a time counts as the start.
   */
  private wantedUsers(tMs: number): number {
    return this.share(usersAt(this.phases, Math.max(0, tMs)));
  }

  private control(): void {
    if (this.stopped) return;
    const now = this.now();
    if (now >= this.endMs) {
      this.stop();
      this.onScheduleEnd();
      return;
    }
    while (this.active < this.wantedUsers(now)) {
      this.active++;
      this.launchUser(now);
    }
  }

  /**
   * A new user: its two callbacks (a turn; the end of its request or flow) are made once here,
   * not once a request.
   */
  private launchUser(now: number): void {
    const done = (): void => {
      // With no think time the user goes on at once, without a timer per turn.
      if (this.thinkTimeMs > 0) this.later(this.now() + this.thinkTimeMs, turn);
      else turn(this.now());
    };
    const turn = (plannedMs: number): void => this.userTurn(plannedMs, turn, done);
    turn(now);
  }

  /** One user's turn: send now (planned at `plannedMs`); `done` follows its reply. */
  private userTurn(plannedMs: number, turn: (plannedMs: number) => void, done: () => void): void {
    if (this.stopped || this.active > this.wantedUsers(this.now())) {
      this.active--;
      return;
    }
    const phaseIndex = clampedPhaseAt(this.phases, plannedMs);
    const sent = this.mix.iterate(plannedMs, this.mix.pick(), phaseIndex, done);
    if (!sent) this.later(plannedMs + Math.max(this.thinkTimeMs, 10), turn);
  }

  private later(plannedMs: number, turn: (plannedMs: number) => void): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        turn(plannedMs);
      },
      Math.max(0, plannedMs - this.now()),
    );
    this.timers.add(t);
  }
}
