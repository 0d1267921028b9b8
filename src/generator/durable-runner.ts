/**
 * DurableRunner: follows, in one worker, the durable executions its `durable:` requests started.
 * The start itself is an ordinary request of the mix (an Invoke, recorded with its latency: the
 * start latency); its reply hands the execution ARN (`X-Amz-Durable-Execution-Arn`) here. With
 * `poll: { every, timeout }` each execution is polled with GetDurableExecution at most every
 * `every` until it reports a terminal status, for at most `timeout` after its planned start, and
 * never faster than this worker's share of the account's 30 polls/s (DurablePollPacer): when the
 * share is short, the most overdue execution goes first. `poll: cloudwatch` only counts starts.
 * `stop` ends the following: executions not yet terminal count as running. Every poll is
 * bounded (timeout) and the runner sends nothing after `stop`. A flow's durable step is followed
 * alike (same pacer, same counts) and passes a listener that learns once how the execution
 * ended (DurableStepEnd), so its instance waits for it. One per worker; not thread-safe.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 */
import type { PreparedRequest } from '../mix/prepared-request.js';
import type { ReplyView } from '../mix/reply-view.js';
import { TERMINAL_STATUSES, type DurableRecorder } from '../recorder/durable-recorder.js';
import { durableArnOf, durableStepEnd, type DurableStepEnd } from '../mix/durable-step-end.js';
import { DurablePollPacer } from '../mix/durable-poll-pacer.js';
import { sendStatusPoll, type PollResult } from './durable-poll-request.js';
import type { RequestDispatcher, Transport } from './transport.js';

/** Told once how a followed execution ended (a flow instance waiting on its durable step). */
export type DurableEndListener = (end: DurableStepEnd) => void;

export interface DurableRunnerOptions {
  requests: readonly PreparedRequest[];
  recorder: DurableRecorder;
  transport: Transport;
  /** Target base URL (polls go to its origin and base path). */
  targetUrl: string;
  /** This worker's GetDurableExecution polls per second (see pollShare). */
  sharePerSec: number;
  timeoutMs: number;
  /** Milliseconds since the shared start instant (monotonic). */
  now: () => number;
}

interface Followed {
  request: number;
  arn: string;
  plannedMs: number;
  everyMs: number;
  deadlineMs: number;
  nextMs: number;
  polling: boolean;
  onEnd: DurableEndListener | undefined;
}

const TERMINAL = new Set<string>(TERMINAL_STATUSES);

export class DurableRunner {
  private readonly followed: Followed[] = [];
  private readonly pacer: DurablePollPacer;
  private readonly dispatcher: RequestDispatcher;
  private readonly origin: string;
  private readonly basePath: string;
  private timer: NodeJS.Timeout | null = null;
  private wakeAtMs = Number.POSITIVE_INFINITY;
  private stopped = false;
  private polling = 0;

  constructor(private readonly o: DurableRunnerOptions) {
    this.pacer = new DurablePollPacer(o.sharePerSec);
    const url = new URL(o.targetUrl);
    this.origin = url.origin;
    this.basePath = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
    this.dispatcher = o.transport.dispatcher(this.origin);
  }

  /** Executions still followed (what a drain waits for), polls in flight included. */
  get active(): number {
    return this.followed.length;
  }

  /**
   * onStartReply takes the reply of a durable request's start (an Invoke). `onEnd`, if given, is
   * called exactly once with how the execution ended: at once for a failed start (`start-failed`),
   * `poll: cloudwatch` (`unfollowed`) or a runner already stopped (`running`); later with its
   * terminal status, or `running` when its poll.timeout passed. After `stop` it is never called
   * for executions still followed (their instances end with the stop).
   */
  onStartReply(
    request: PreparedRequest,
    plannedMs: number,
    reply: ReplyView,
    onEnd?: DurableEndListener,
  ): void {
    const spec = request.durable;
    if (!spec) return;
    const arn = durableArnOf(reply);
    if (arn === undefined) {
      this.o.recorder.startFailed(request.index);
      onEnd?.('start-failed');
      return;
    }
    this.o.recorder.started(request.index);
    if (spec.poll.mode !== 'status') {
      onEnd?.('unfollowed');
      return;
    }
    if (this.stopped) {
      this.o.recorder.stillRunning(request.index);
      onEnd?.('running');
      return;
    }
    const now = this.o.now();
    this.followed.push({
      request: request.index,
      arn,
      plannedMs,
      everyMs: spec.poll.everyMs,
      deadlineMs: plannedMs + spec.poll.timeoutMs,
      nextMs: now + spec.poll.everyMs,
      polling: false,
      onEnd,
    });
    this.schedule(now);
  }

  /** stop ends the following: executions not terminal yet are counted as running; no more polls. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const f of this.followed) this.o.recorder.stillRunning(f.request);
    this.followed.length = 0;
  }

  /** Polls still waiting for their reply (close the transport after they end or are cut). */
  get pollsInFlight(): number {
    return this.polling;
  }

  private schedule(now: number): void {
    if (this.stopped || this.followed.length === 0) return;
    let due = Number.POSITIVE_INFINITY;
    for (const f of this.followed) if (!f.polling) due = Math.min(due, f.nextMs, f.deadlineMs);
    if (due === Number.POSITIVE_INFINITY) return;
    const at = Math.max(due, Math.min(this.pacer.nextAllowedMs(), Number.MAX_SAFE_INTEGER), now);
    if (this.timer && at >= this.wakeAtMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAtMs = at;
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - now));
  }

  private wake(): void {
    this.timer = null;
    this.wakeAtMs = Number.POSITIVE_INFINITY;
    if (this.stopped) return;
    const now = this.o.now();
    // Past their poll timeout: no longer followed, still running.
    for (let i = this.followed.length - 1; i >= 0; i--) {
      const f = this.followed[i];
      if (!f.polling && now >= f.deadlineMs) {
        this.o.recorder.stillRunning(f.request);
        this.followed.splice(i, 1);
        f.onEnd?.('running');
      }
    }
    for (;;) {
      let next: Followed | undefined;
      for (const f of this.followed) if (!f.polling && (!next || f.nextMs < next.nextMs)) next = f;
      if (!next || next.nextMs > now || !this.pacer.tryTake(now)) break;
      this.poll(next, now);
    }
    this.schedule(now);
  }

  private poll(f: Followed, now: number): void {
    f.polling = true;
    this.polling++;
    void sendStatusPoll(this.dispatcher, this.origin, this.basePath, f.arn, this.o.timeoutMs).then(
      (r) => this.onPollReply(f, now, r),
    );
  }

  private onPollReply(f: Followed, sentMs: number, r: PollResult): void {
    this.polling--;
    f.polling = false;
    if (this.stopped) return; // counted as running by stop()
    const ok = r.status === 200 && r.executionStatus !== undefined;
    this.o.recorder.polled(f.request, !ok);
    const now = this.o.now();
    if (ok && r.executionStatus !== undefined && TERMINAL.has(r.executionStatus)) {
      const durationMs =
        r.startSec !== undefined && r.endSec !== undefined
          ? (r.endSec - r.startSec) * 1000
          : now - f.plannedMs;
      this.o.recorder.ended(f.request, r.executionStatus, durationMs);
      this.followed.splice(this.followed.indexOf(f), 1);
      f.onEnd?.(durableStepEnd(r.executionStatus) ?? 'FAILED');
    } else f.nextMs = Math.max(now, sentMs + f.everyMs);
    this.schedule(now);
  }
}
