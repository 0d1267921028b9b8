/**
 * runCommand: `flashcrowd run <profile>`. Resolves the setup (run-setup.ts), starts the embedded
 * notes API when no target is given, checks the target accepts connections, runs the traffic
 * (RunSession), collects platform series, and writes the run record and its reports; gates pick
 * the exit code. Every way of failing after the run folder exists leaves a run.json behind.
 */
import { basename } from 'node:path';
import type { Collector } from '../../collector/collector.js';
import { selectCollector } from '../../collector/select-collector.js';
import { embeddedCredentials } from '../lambda-setup.js';
import { recordShape } from '../record-labels.js';
import { buildRunRecord } from '../../record/build-run-record.js';
import { newRunId, RunRecordWriter } from '../../record/run-record-writer.js';
import { ShardWindowsWriter } from '../../record/shard-files.js';
import { formatShard } from '../../schedule/shard-split.js';
import type { RunRecord } from '../../record/run-record.js';
import { totalDurationMs } from '../../schedule/phase-timeline.js';
import { redactUrl } from '../../profile/redact-url.js';
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { CliContext } from '../cli-context.js';
import { colorDecision } from '../color-decision.js';
import { exitCodes } from '../exit-codes.js';
import { checkPricesBeforeTraffic } from '../check-prices-before-traffic.js';
import { openRunFolder } from '../run-folder.js';
import { checkTarget, isLoopback } from './check-target.js';
import { envForTemplates } from './env-for-templates.js';
import { confirmLoad } from './confirm-load.js';
import { settleCountdown } from '../settle-countdown.js';
import type { RunOptions } from './run-options.js';
import { RunLog } from './run-log.js';
import { RunSession } from './run-session.js';
import { cpuMeter } from './cpu-meter.js';
import type { RunContext } from './run-context.js';
import { resolveTransport } from './transport-setup.js';
import { transportClient } from '../../generator/transport-settings.js';
import { startupProbe } from './startup-probe.js';
import {
  awsSpec,
  resolveRunSetup,
  runMetadata,
  startEmbedded,
  type RunSetup,
} from './run-setup.js';

type Signal = 'SIGINT' | 'SIGTERM';

/**
 * The embedded target verifies no signature: a profile with `auth:` run on it without AWS
 * credentials is signed with the fixed ones of lambda-setup.ts (Invokes there always are).
 */
const EMBEDDED_SIGNING = {
  provider: embeddedCredentials,
  warning:
    'auth: aws-sigv4: no AWS credentials found; the embedded target verifies no signature, so requests are signed with fixed dummy credentials (a real target needs real ones)',
};

export async function runCommand(
  profilePath: string,
  o: RunOptions,
  ctx: CliContext,
): Promise<number> {
  const runLog = new RunLog(ctx, o.quiet ?? false);
  const log = runLog.print;
  const probe = startupProbe(ctx);
  probe?.mark('command-loaded');
  // Synchronous and bounded by the documented limits; no handler yet, so a signal here ends the
  // process at once (nothing has been written), instead of waiting for the loading to finish.
  const setup = resolveRunSetup(profilePath, o, ctx, log);
  await checkPricesBeforeTraffic(o, setup.profile.aws?.region, ctx);
  probe?.mark('setup-resolved');
  // A signal before the traffic starts: remember it, send nothing, exit as interrupted.
  let early: Signal | null = null;
  const removeEarly = ctx.onSignal((signal) => (early ??= signal));
  try {
    const transport = resolveTransport(setup.profile, o, ctx.cwd, setup.targetFlag);
    // The AWS SDK's credential chain loads only for a profile that signs its requests.
    const signing = setup.profile.auth
      ? await (
          await import('./signing-setup.js')
        ).resolveSigning(setup.profile, {
          env: ctx.env,
          ...(setup.invokes
            ? {
                provider: setup.invokes.provider,
                label: `${setup.invokes.where} (Lambda Invokes are signed with SigV4)`,
              }
            : {}),
          ...(setup.targetFlag === undefined ? { fallback: EMBEDDED_SIGNING } : {}),
          onWarning: (m) => {
            setup.warnings.push(m);
            log(`warning: ${m}`);
          },
        })
      : undefined;
    const embedded = await startEmbedded(setup, o, ctx).catch((error: unknown) => {
      signing?.feed.stop();
      throw error;
    });
    probe?.mark(embedded ? 'target-started' : 'signing-resolved');
    try {
      const sending = {
        transportSettings: signing ? { ...transport, sigv4: signing.scope } : transport,
        signing,
      };
      const run = { ...openRun(setup, o, ctx, runLog, sending, embedded), probe };
      const collector = await preflight(run);
      probe?.mark('preflight-done');
      if (typeof collector === 'number') return collector;
      const beforeStart: EarlySignals = {
        signal: () => early,
        release: removeEarly,
      };
      if (early) return await interruptedBeforeStart(run, early);
      run.writer.writeRecord(run.partial('running'));
      return await trafficAndRecord(run, collector, beforeStart);
    } finally {
      signing?.feed.stop();
      await embedded?.stop();
    }
  } finally {
    removeEarly();
  }
}

function openRun(
  setup: RunSetup,
  o: RunOptions,
  ctx: CliContext,
  runLog: RunLog,
  sending: Pick<RunContext, 'transportSettings' | 'signing'>,
  embedded?: EmbeddedTarget,
): Omit<RunContext, 'probe'> {
  const log = runLog.print;
  const targetUrl = setup.targetFlag ?? embedded!.url;
  if (embedded) log(`embedded notes API (${setup.platform} model) at ${targetUrl}`);
  // Shards of one test start together: the suffix keeps their run ids apart.
  const wanted =
    newRunId(new Date(), setup.profile.name) +
    (o.shard ? `-shard${o.shard.index + 1}of${o.shard.count}` : '');
  const dir = openRunFolder({ cwd: ctx.cwd, out: o.out, runId: wanted, overwrite: o.overwrite });
  // The default folder may carry a -2 suffix; the run id is then the folder's name.
  const runId = o.out === undefined ? basename(dir) : wanted;
  const meta = runMetadata(setup, o, ctx, runId, targetUrl, Boolean(embedded));
  meta.environment.client = transportClient(sending.transportSettings);
  meta.environment.timeoutMs = o.timeout;
  if (o.shard) meta.environment.shard = { index: o.shard.index + 1, count: o.shard.count };
  if (setup.connections !== undefined) meta.environment.connections = setup.connections;
  const shape = recordShape(setup.profile, setup.phases);
  const partial = (status: RunRecord['status'], reason?: string) =>
    buildRunRecord({
      meta: { ...meta, status, ...(reason ? { statusReason: reason } : {}) },
      ...shape,
      timeline: [],
      workers: [],
    });
  return {
    setup,
    o,
    ctx,
    log,
    runLog,
    meta,
    dir,
    writer: new RunRecordWriter(dir),
    ...(o.shard ? { shardWindows: new ShardWindowsWriter(dir) } : {}),
    targetUrl,
    embedded,
    ...sending,
    partial,
  };
}

function failedRecord(run: RunContext, status: RunRecord['status'], reason: string): RunRecord {
  return { ...run.partial(status, reason), endedAt: new Date().toISOString() };
}

/**
 * writeFailedRecord writes the record of a run that failed (sent nothing, or a worker crashed),
 * and with reports on its junit.xml (a failing `run status` testcase), so that a CI step reading JUnit files sees the
 * failure rather than no file at all.
 */
async function writeFailedRecord(run: RunContext, record: RunRecord): Promise<void> {
  run.writer.writeRecord(record);
  if (!run.o.reports) return;
  const { writeReports } = await import('../../report/write-reports.js');
  writeReports(run.dir, record, ['junit']);
}

/**
 * preflight: the target accepts connections, the user agreed to heavy remote load, and the
 * collector is ready. Returns the collector, or an exit code; throws RunError/CollectorError
 * (exit 3) after writing a `failed` record.
 */
async function preflight(run: RunContext): Promise<Collector | number> {
  const { setup, o, ctx } = run;
  try {
    await checkTarget(run.targetUrl);
    if (
      !isLoopback(run.targetUrl) &&
      !(await confirmLoad(ctx, redactUrl(run.targetUrl), setup.peakPerSec, o.yes ?? false))
    ) {
      ctx.stderr.write('not confirmed; nothing was sent\n');
      return exitCodes.usage;
    }
    return await selectCollector({
      probeResources: true,
      // A shard collects nothing: the merged run is collected once (shard-checks.ts).
      mode: o.shard ? 'none' : o.collect,
      embedded: run.embedded,
      aws: awsSpec(setup.profile, o.function),
      env: ctx.env,
    });
  } catch (error) {
    await writeFailedRecord(run, failedRecord(run, 'failed', (error as Error).message));
    throw error;
  }
}

/** The signal handler that holds until the session's own is in place (see trafficAndRecord). */
interface EarlySignals {
  signal: () => Signal | null;
  release: () => void;
}

/** A signal before the first request: an `aborted` record (nothing sent), exit 130 or 143. */
async function interruptedBeforeStart(run: RunContext, signal: Signal): Promise<number> {
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
async function trafficAndRecord(
  run: RunContext,
  collector: Collector,
  early: EarlySignals,
): Promise<number> {
  const { setup, o, ctx } = run;
  let started = false;
  const session = new RunSession(ctx, {
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
      started = true;
      run.probe?.atStart(at, run.embedded);
    },
    ...(run.shardWindows ? { onWindows: run.shardWindows.append.bind(run.shardWindows) } : {}),
  });
  const unroute = run.runLog.routeThrough((line) => session.print(line));
  if (o.startAt !== undefined)
    run.log(
      `${o.shard ? `shard ${formatShard(o.shard)}: ` : ''}the traffic starts at ${new Date(o.startAt).toISOString()}`,
    );
  try {
    const cpu = await cpuMeter(ctx, run.embedded);
    await collector.start({ startedAtMs: Date.now() });
    const signal = early.signal();
    if (signal) {
      await collector.stop({ endedAtMs: Date.now() });
      return await interruptedBeforeStart(run, signal);
    }
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
      await settleCountdown(ctx, o.settle, run.log, session.signalAfterTraffic);
    const collected = await collector.stop({ endedAtMs: Date.now() });
    for (const w of collected.warnings) run.log(`warning: ${w}`);
    // Cost, gates and reports load only now: none of their code is needed before the run ends.
    const { finishRun } = await import('./finish-run.js');
    return finishRun(run, session, result, collected, collector.source === 'aws', polls);
  } finally {
    unroute();
    session.close();
  }
}

/** embeddedDurablePolls: the embedded target's GetDurableExecution counts (durable runs only). */
async function embeddedDurablePolls(
  run: RunContext,
): Promise<{ polls: number; maxPollsInAnySecond: number } | undefined> {
  if (!run.embedded || !run.setup.profile.requests.some((r) => r.durable)) return undefined;
  const stats = await run.embedded.durablePolls().catch(() => null);
  return stats ? { polls: stats.total, maxPollsInAnySecond: stats.maxInAnySecond } : undefined;
}
