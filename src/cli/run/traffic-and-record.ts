/**
 * trafficAndRecord: the part of `run` from the record's first write (status `running`) to its
 * last: the traffic (RunSession), the platform series, and the record and reports (finish-run.ts).
 * A worker that crashes leaves a `failed` record of what it had measured; a signal before the
 * first request an `aborted` one.
 */
import type { Collector } from '../../collector/collector.js';
import { formatShard } from '../../schedule/shard-split.js';
import { totalDurationMs } from '../../schedule/phase-timeline.js';
import { colorDecision } from '../color-decision.js';
import { exitCodes } from '../exit-codes.js';
import { settleCountdown } from '../settle-countdown.js';
import { cpuMeter } from './cpu-meter.js';
import type { EarlySignals, Signal } from './early-signals.js';
import { envForTemplates } from './env-for-templates.js';
import { failedRecord, writeFailedRecord } from './failed-record.js';
import type { RunContext } from './run-context.js';
import { RunSession } from './run-session.js';

/** A signal before the first request: an `aborted` record (nothing sent), exit 130 or 143. */
export async function interruptedBeforeStart(run: RunContext, signal: Signal): Promise<number> {
  await writeFailedRecord(
    run,
    failedRecord(run, 'aborted', `interrupted by ${signal} before the start`),
  );
  return signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
}

/**
 * trafficAndRecord runs the traffic, collects, writes the record and reports; returns the exit
 * code. `early` keeps catching signals until the session handles them, so that no instant is
 * left in which a Ctrl-C ends the process with the record still `running`.
 */
export async function trafficAndRecord(
  run: RunContext,
  collector: Collector,
  early: EarlySignals,
): Promise<number> {
  const { o, ctx } = run;
  let started = false;
  const session = newSession(run, collector, () => (started = true));
  const unroute = run.log.routeThrough((line) => session.print(line));
  if (o.startAt !== undefined)
    run.log.print(
      `${o.shard ? `shard ${formatShard(o.shard)}: ` : ''}the traffic starts at ${new Date(o.startAt).toISOString()}`,
    );
  try {
    const cpu = await cpuMeter(ctx, run.embedded);
    await collector.start({ startedAtMs: Date.now() });
    // Collectors keep no timers before their first sample: nothing to stop on this way out.
    if (early.signal) return await interruptedBeforeStart(run, early.signal);
    const running = session.run(); // its signal handlers are in place when it returns
    early.release();
    const result = await running.catch(async (error: unknown) => {
      // Nothing was sent (the --start-at instant passed before the workers were ready, or a
      // worker failed to start): a `failed` record, as for an unreachable target. A worker that
      // crashed mid-run leaves a `failed` record of what was sent and measured until then.
      const reason = (error as Error).message;
      await writeFailedRecord(
        run,
        started ? session.recordSoFar('failed', reason) : failedRecord(run, 'failed', reason),
      );
      throw error;
    });
    await cpu.record(run.meta, result);
    const polls = await embeddedDurablePolls(run);
    if (collector.source === 'aws' && !session.stopReason)
      await settleCountdown(ctx, o.settle, run.log.print, session.signalAfterTraffic);
    const collected = await collector.stop({ endedAtMs: Date.now() });
    for (const w of collected.warnings) run.log.print(`warning: ${w}`);
    // Cost, gates and reports load only now: none of their code is needed before the run ends.
    const { finishRun } = await import('./finish-run.js');
    return finishRun(run, session, result, collected, collector.source === 'aws', polls);
  } finally {
    unroute();
    session.close();
  }
}

/** newSession: the run's RunSession (coordinator, live view, signals, fail-fast gates). */
function newSession(run: RunContext, collector: Collector, onStart: () => void): RunSession {
  const { setup, o, ctx } = run;
  return new RunSession(ctx, {
    coordinator: {
      profile: setup.profile,
      phases: setup.phases,
      targetUrl: run.targetUrl,
      workers: setup.workers,
      maxInFlight: setup.maxInFlight,
      ...(setup.connections !== undefined ? { connections: setup.connections } : {}),
      timeoutMs: o.timeout,
      maxLatenessMs: o.maxLateness ?? setup.profile.load.maxLatenessMs,
      graceMs: o.grace,
      seed: setup.seed,
      env: envForTemplates(setup.profile, ctx.env),
      transportSettings: run.transportSettings,
      ...(run.signing ? { credentials: run.signing.feed } : {}),
      ...(o.shard ? { shard: o.shard } : {}),
      ...(o.startAt !== undefined ? { startAtEpochMs: o.startAt } : {}),
    },
    writer: run.writer,
    collector,
    gates: setup.gates,
    graceMs: o.grace,
    totalMs: totalDurationMs(setup.phases),
    quiet: o.quiet ?? false,
    color: colorDecision(ctx.stderr, ctx.env, o.color),
    partialRecord: run.partial,
    warnings: setup.warnings,
    onStart: (at: number) => {
      onStart();
      run.probe?.atStart(at, run.embedded);
    },
    ...(run.shardWindows ? { onWindows: run.shardWindows.append.bind(run.shardWindows) } : {}),
  });
}

/** embeddedDurablePolls: the embedded target's GetDurableExecution counts (durable runs only). */
async function embeddedDurablePolls(
  run: RunContext,
): Promise<{ polls: number; maxPollsInAnySecond: number } | undefined> {
  if (!run.embedded || !run.setup.profile.requests.some((r) => r.durable)) return undefined;
  const stats = await run.embedded.durablePolls().catch(() => null);
  return stats ? { polls: stats.total, maxPollsInAnySecond: stats.maxInAnySecond } : undefined;
}
