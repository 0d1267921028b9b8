/**
 * FunctionMetrics: per-function counters of the model (the AWS/Lambda metrics it imitates:
 * ConcurrentExecutions, Invocations, Throttles, Errors, Duration, plus cold starts and, on LMI,
 * the CPU/Concurrency/MemoryThrottles sub-metrics) both as per-second series and as running totals.
 * Series are created for every function, but only functions that saw traffic are reported.
 *
 * On on-demand Lambda, `lambda.billed_duration_ms` (Sum, ms) is what AWS bills each second:
 * every invocation admitted in that second counts ceil(init + handler time) ms, because since
 * 1 August 2025 the INIT phase of on-demand functions is billed
 * (https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/) and
 * duration is rounded up to 1 ms (https://aws.amazon.com/lambda/pricing/). `lambda.duration_ms`
 * stays the Duration metric (handler time only, Average). LMI bills instances, not duration, so
 * the series is not emitted there.
 */
import type { ThrottleReason } from './platform-backend.js';
import type { SeriesBook, SeriesSlot } from './series-book.js';

interface FunctionSlots {
  concurrent: SeriesSlot;
  invocations: SeriesSlot;
  throttles: SeriesSlot;
  errors: SeriesSlot;
  duration: SeriesSlot;
  billedDuration: SeriesSlot | undefined;
  coldStarts: SeriesSlot;
  reasons: Partial<Record<ThrottleReason, SeriesSlot>>;
}

interface FunctionTotals {
  concurrent: number;
  invocations: number;
  throttles: number;
  errors: number;
  coldStarts: number;
  throttlesByReason: Record<string, number>;
}

const LMI_REASON_SERIES: Array<[ThrottleReason, string]> = [
  ['cpu', 'lambda.cpu_throttles'],
  ['concurrency', 'lambda.concurrency_throttles'],
  ['memory', 'lambda.memory_throttles'],
];

/** Per-function metrics; owned by one PlatformModel. */
export class FunctionMetrics {
  private readonly slots: FunctionSlots[];
  private readonly totals: FunctionTotals[];

  constructor(
    private readonly book: SeriesBook,
    private readonly names: string[],
    lmi: boolean,
  ) {
    this.slots = names.map((name) => {
      const labels = { function: name };
      const reasons: FunctionSlots['reasons'] = {};
      if (lmi)
        for (const [reason, series] of LMI_REASON_SERIES)
          reasons[reason] = book.slot(series, labels, 'Count', 'sum');
      return {
        concurrent: book.slot('lambda.concurrent_executions', labels, 'Count', 'max'),
        invocations: book.slot('lambda.invocations', labels, 'Count', 'sum'),
        throttles: book.slot('lambda.throttles', labels, 'Count', 'sum'),
        errors: book.slot('lambda.errors', labels, 'Count', 'sum'),
        duration: book.slot('lambda.duration_ms', labels, 'Milliseconds', 'avg'),
        billedDuration: lmi
          ? undefined
          : book.slot('lambda.billed_duration_ms', labels, 'Milliseconds', 'sum'),
        coldStarts: book.slot('lambda.cold_starts', labels, 'Count', 'sum'),
        reasons,
      };
    });
    this.totals = names.map(() => ({
      concurrent: 0,
      invocations: 0,
      throttles: 0,
      errors: 0,
      coldStarts: 0,
      throttlesByReason: {},
    }));
  }

  /** started counts one admitted execution of `serviceMs` handler time after `initMs` of init. */
  started(fn: number, serviceMs: number, initMs: number, failed: boolean): void {
    const s = this.slots[fn];
    const t = this.totals[fn];
    t.concurrent++;
    t.invocations++;
    this.book.max(s.concurrent, t.concurrent);
    this.book.add(s.invocations, 1);
    this.book.add(s.duration, serviceMs);
    if (s.billedDuration) this.book.add(s.billedDuration, Math.ceil(initMs + serviceMs));
    if (initMs > 0) {
      t.coldStarts++;
      this.book.add(s.coldStarts, 1);
    }
    if (failed) {
      t.errors++;
      this.book.add(s.errors, 1);
    }
  }

  /** finished counts the end of an execution. */
  finished(fn: number): void {
    this.totals[fn].concurrent--;
  }

  /** throttled counts one throttle and its reason. */
  throttled(fn: number, reason: ThrottleReason): void {
    const s = this.slots[fn];
    const t = this.totals[fn];
    t.throttles++;
    t.throttlesByReason[reason] = (t.throttlesByReason[reason] ?? 0) + 1;
    this.book.add(s.throttles, 1);
    const r = s.reasons[reason];
    if (r) this.book.add(r, 1);
  }

  /** closeSecond carries each function's current concurrency into the closing second's maximum. */
  closeSecond(): void {
    for (let i = 0; i < this.slots.length; i++)
      this.book.max(this.slots[i].concurrent, this.totals[i].concurrent);
  }

  /** isUsed: true for a function that saw any request, and for series without a function label. */
  isUsed(name: string | undefined): boolean {
    if (name === undefined) return true;
    const t = this.totals[this.names.indexOf(name)];
    return t !== undefined && t.invocations + t.throttles > 0;
  }

  /** state returns the running totals by function name. */
  state(): Record<string, FunctionTotals> {
    return Object.fromEntries(
      this.names.map((n, i) => [
        n,
        { ...this.totals[i], throttlesByReason: { ...this.totals[i].throttlesByReason } },
      ]),
    );
  }
}
