/**
 * RunSession: one run's traffic phase: the coordinator, the live view, signal handling and
 * fail-fast gates. Signals: the first stops sending and drains for the grace period (wall time,
 * also when the schedule's own drain is under way); a second ends the drain at once (what is in
 * flight is booked as aborted), gives the workers up to HURRY_FLUSH_MS to hand over their last
 * seconds, which are appended to timeline.ndjson, then writes what there is (status `aborted`)
 * and exits; a third exits without waiting. After the traffic, a signal only cuts the settle wait
 * short (see `afterTraffic`). Once a fail-fast gate has stopped the run its verdict is final: a
 * signal during the drain that follows neither restarts the drain nor changes the stop reason
 * (the run still exits 1, recorded as aborted by the gate); a second one still ends it at once.
 */
import {
  Coordinator,
  type CoordinatorEvents,
  type CoordinatorOptions,
  type GeneratorResult,
} from '../../generator/coordinator.js';
import type { GateSpec } from '../../profile/types.js';
import type { RunRecord } from '../../record/run-record.js';
import type { RunRecordWriter } from '../../record/run-record-writer.js';
import type { Collector } from '../../collector/collector.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { abortGateCheck, type AbortGateCheck } from './abort-gate-check.js';
import { ProgressView } from './progress-view.js';

/** After a second Ctrl-C, how long the workers get to hand over their last seconds. */
const HURRY_FLUSH_MS = 1000;

export type StopReason =
  | { kind: 'signal'; signal: 'SIGINT' | 'SIGTERM' }
  | { kind: 'gate'; expr: string; observed: number | null };

/** The record's statusReason of a run a fail-fast gate stopped. */
export function gateStopReason(expr: string): string {
  return `gate failed with abortOnFail: ${expr}`;
}

export interface SessionOptions {
  coordinator: CoordinatorOptions;
  writer: RunRecordWriter;
  collector: Collector;
  gates: GateSpec[];
  graceMs: number;
  totalMs: number;
  quiet: boolean;
  /** ANSI colours in the live view (colorDecision for stderr). */
  color: boolean;
  /** A record of what is known so far (no worker statistics), for hurried writes and gates. */
  partialRecord: (status: RunRecord['status'], reason?: string) => RunRecord;
  warnings: string[];
  /** Optional: the shared start instant is set (epoch ms); see CoordinatorEvents.onStart. */
  onStart?: (startEpochMs: number) => void;
  /** Optional: a worker's closed windows; see CoordinatorEvents.onWindows. */
  onWindows?: CoordinatorEvents['onWindows'];
}

export class RunSession {
  stopReason: StopReason | null = null;
  private readonly coordinator: Coordinator;
  private readonly view: ProgressView;
  private removeSignals: () => void = () => {};
  private afterTrafficAbort = new AbortController();
  private readonly abortCheck: AbortGateCheck | null;
  private trafficDone = false;
  private timelineWarned = false;
  private running: Promise<unknown> = Promise.resolve();
  private hurrying = false;

  constructor(
    private readonly ctx: CliContext,
    private readonly o: SessionOptions,
  ) {
    this.abortCheck = abortGateCheck(
      o.gates,
      o.coordinator.profile.requests.map((r) => r.name),
    );
    this.view = new ProgressView({
      out: ctx.stderr,
      tty: Boolean(ctx.stderr.isTTY) && !o.quiet,
      color: o.color,
      totalMs: o.totalMs,
      elapsedMs: () => Date.now() - this.coordinator.startEpochMs,
      plainEveryMs: o.quiet ? Infinity : 5000,
    });
    this.coordinator = new Coordinator(o.coordinator, {
      onEntry: (e) => {
        o.writer.appendTimeline(e);
        this.warnTimelineFailure();
        if (!o.quiet) this.view.entry(e);
        this.checkAbortGates();
      },
      onLive: (s) => {
        if (!o.quiet) this.view.update(s);
        void o.collector.sample(Date.now());
      },
      onWarning: (m) => {
        if (o.warnings.includes(m)) return; // each worker warns; say it once
        o.warnings.push(m);
        this.print(`warning: ${m}`);
      },
      ...(o.onStart ? { onStart: o.onStart } : {}),
      ...(o.onWindows ? { onWindows: o.onWindows } : {}),
    });
  }

  /** signalAfterTraffic is aborted by a signal that arrives after the traffic (skip settling). */
  get signalAfterTraffic(): AbortSignal {
    return this.afterTrafficAbort.signal;
  }

  /** print writes a line below the live view, wrapped to the terminal's width (ProgressView.fit). */
  print(line: string): void {
    this.view.done();
    if (!this.o.quiet) this.ctx.stderr.write(`${this.view.fit(line)}\n`);
  }

  /** run sends the traffic; resolves when every worker has drained. Signals stay handled until close(). */
  async run(): Promise<GeneratorResult> {
    this.removeSignals = this.ctx.onSignal((signal, count) => this.onSignal(signal, count));
    try {
      const running = this.coordinator.run();
      this.running = running.catch(() => undefined);
      return await running;
    } finally {
      this.trafficDone = true;
      this.view.done();
    }
  }

  /** close stops handling signals (call after the record is written). */
  close(): void {
    this.removeSignals();
  }

  /** exitCodeForStop: 130/143 for a signal, 1 for a fail-fast gate, null when not stopped early. */
  exitCodeForStop(): number | null {
    if (!this.stopReason) return null;
    if (this.stopReason.kind === 'gate') return exitCodes.gateFailed;
    return this.stopReason.signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
  }

  private onSignal(signal: 'SIGINT' | 'SIGTERM', count: number): void {
    if (this.trafficDone) {
      this.stopReason ??= { kind: 'signal', signal };
      this.afterTrafficAbort.abort();
      if (count === 1) return;
    }
    const gate = this.stopReason?.kind === 'gate' ? this.stopReason : null;
    if (count === 1 && gate) {
      this.print(
        `${signal}: the run is already stopping (gate failed with abortOnFail: ${gate.expr}); waiting for requests in flight (again to quit at once)`,
      );
      return;
    }
    if (count === 1) {
      this.stopReason = { kind: 'signal', signal };
      this.print(
        `${signal}: stopping; waiting up to ${this.o.graceMs / 1000}s for requests in flight (again to quit at once)`,
      );
      this.coordinator.stop(this.o.graceMs);
      return;
    }
    if (count === 2 && !this.trafficDone) {
      void this.hurry(signal);
      return;
    }
    this.exitNow(signal);
  }

  /** The second signal: end the drain, let the workers flush their last seconds, write, exit. */
  private async hurry(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
    if (this.hurrying) return;
    this.hurrying = true;
    this.print(`${signal} again: aborting the requests in flight and writing the record`);
    this.coordinator.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.running,
      new Promise((resolve) => (timer = setTimeout(resolve, HURRY_FLUSH_MS))),
    ]);
    clearTimeout(timer);
    this.exitNow(signal);
  }

  /**
   * recordSoFar: the record of a run cut short (a second signal, a crashed worker): the seconds
   * the workers had handed over and their latest counters, without their final statistics.
   */
  recordSoFar(status: RunRecord['status'], reason: string): RunRecord {
    const record = this.o.partialRecord(status, reason);
    record.endedAt = new Date().toISOString();
    record.totals = this.coordinator.liveTotals();
    record.timeline = this.coordinator.timeline;
    return record;
  }

  /** Writes what there is and exits: 1 when a fail-fast gate had stopped the run, else 130/143. */
  private exitNow(signal: 'SIGINT' | 'SIGTERM'): void {
    const gate = this.stopReason?.kind === 'gate' ? this.stopReason : null;
    const quit = `${signal} twice: exited at once`;
    const reason = gate ? `${gateStopReason(gate.expr)}; ${quit}` : quit;
    this.o.writer.writeRecord(this.recordSoFar('aborted', reason));
    if (gate) this.ctx.exit(exitCodes.gateFailed);
    else this.ctx.exit(signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted);
  }

  /** One warning when the timeline file stops taking lines (disk full); the run goes on. */
  private warnTimelineFailure(): void {
    const failure = this.o.writer.timelineFailure;
    if (failure === null || this.timelineWarned) return;
    this.timelineWarned = true;
    this.o.warnings.push(failure);
    this.print(`warning: ${failure}`);
  }

  private checkAbortGates(): void {
    if (this.stopReason || !this.abortCheck) return;
    const failed = this.abortCheck.failed(this.coordinator.timeline, () =>
      this.coordinator.overallLatency(),
    );
    if (!failed) return;
    this.stopReason = { kind: 'gate', expr: failed.expr, observed: failed.observed };
    this.print(
      `gate failed with abortOnFail: ${failed.expr} (observed ${failed.observed}); stopping the run`,
    );
    this.coordinator.stop(this.o.graceMs);
  }
}
