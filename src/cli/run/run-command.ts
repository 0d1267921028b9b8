/**
 * runCommand: `flashcrowd run <profile>`. Loads the profile, picks the target (the embedded notes
 * API when none is given), checks it accepts connections, runs the generator with live progress,
 * collects platform series, and writes the run record and its reports; gates pick the exit code.
 * Signals: the first Ctrl-C (or SIGTERM) stops sending and drains for the grace period, then writes
 * everything (status `aborted`, exit 130 or 143); a second one writes what it has and exits at once.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseGateExpression } from '../../profile/gate-expression.js';
import { loadProfile } from '../../profile/load-profile.js';
import { redactProfile } from '../../profile/redact-profile.js';
import type { Profile } from '../../profile/types.js';
import { peakRate, rateAt } from '../../schedule/rate-at.js';
import { scalePhases } from '../../schedule/scale-phases.js';
import { Coordinator } from '../../generator/coordinator.js';
import { buildRunRecord, type RunMetadata } from '../../recorder/build-run-record.js';
import { newRunId, RunRecordWriter } from '../../recorder/run-record-writer.js';
import type { RunRecord } from '../../recorder/run-record.js';
import { selectCollector } from '../../collector/select-collector.js';
import type { Collector } from '../../collector/collector.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { toolVersion } from '../tool-version.js';
import { checkTarget, isLoopback } from './check-target.js';
import { addCostAndGates, gateExitCode } from './finalize-record.js';
import { ProgressView } from './progress-view.js';
import type { RunOptions } from './run-options.js';
import { confirmLoad, openFileLimit, printOutcome, settleCountdown } from './run-helpers.js';
import { envForTemplates } from './env-for-templates.js';

export async function runCommand(profilePath: string, o: RunOptions, ctx: CliContext): Promise<number> {
  // A signal before the traffic starts: remember it, send nothing, exit as interrupted.
  let early: 'SIGINT' | 'SIGTERM' | null = null;
  const removeEarly = ctx.onSignal((signal) => (early ??= signal));
  try {
    return await runProfile(profilePath, o, ctx, () => early, removeEarly);
  } finally {
    removeEarly();
  }
}

async function runProfile(
  profilePath: string,
  o: RunOptions,
  ctx: CliContext,
  earlySignal: () => 'SIGINT' | 'SIGTERM' | null,
  removeEarly: () => void,
): Promise<number> {
  const profile = loadProfile(resolve(ctx.cwd, profilePath), { env: ctx.env });
  const gates = [...profile.gates, ...o.gate.map((g) => parseGateExpression(g))];
  const seed = o.seed ?? profile.seed ?? Date.now() % 1_000_000;
  const phases = scalePhases(profile.load.phases, {
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  const totalMs = phases.reduce((s, p) => s + p.durationMs, 0);
  const platform = o.platform ?? profile.platform;
  const warnings: string[] = [];
  const log = (s: string) => void (o.quiet ? undefined : ctx.stderr.write(`${s}\n`));

  let maxInFlight = o.maxInFlight ?? profile.load.maxInFlight;
  const fileLimit = openFileLimit();
  if (fileLimit && maxInFlight > fileLimit - 200) {
    maxInFlight = Math.max(1, fileLimit - 200);
    warnings.push(`maxInFlight capped at ${maxInFlight} by the open-file limit (${fileLimit}); raise it with ulimit -n`);
    log(`warning: ${warnings[warnings.length - 1]}`);
  }
  const workers = o.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));

  const targetFlag = o.target ?? profile.target;
  if (targetFlag && !/^https?:\/\//.test(targetFlag))
    throw new UsageError(`--target must be an http:// or https:// URL (got "${targetFlag}")`);
  const embedded = targetFlag
    ? undefined
    : await (await import('../../target/embedded-target-host.js')).startEmbeddedTarget({
        platform,
        modelBlock: profile.model,
        seed,
      });
  const targetUrl = targetFlag ?? embedded!.url;
  if (embedded) log(`embedded notes API (${platform} model) at ${targetUrl}`);

  const runId = newRunId(new Date(), profile.name);
  const dir = resolve(ctx.cwd, o.out ?? join('reports', runId));
  const writer = new RunRecordWriter(dir);
  const startedAt = new Date();
  const meta: RunMetadata = {
    runId,
    toolVersion: toolVersion(),
    kind: 'run',
    status: 'running',
    profile: redactProfile(profile),
    target: { url: targetUrl, kind: embedded ? 'embedded' : 'external', ...(embedded ? { platform } : {}) },
    startedAt: startedAt.toISOString(),
    endedAt: null,
    environment: {
      args: ctx.argv,
      seed,
      nodeVersion: ctx.env.FLASHCROWD_NODE_VERSION ?? globalThis.process.version,
      cores: availableParallelism(),
      workers,
      generatorCpuShare: null,
      timeScale: o.timeScale,
      rateScale: o.rateScale,
    },
    platform: { series: [] },
    cost: null,
    gates: [],
    warnings,
  };
  const phaseMeta = phaseMetadata(phases);
  const requestNames = profile.requests.map((r) => r.name);
  const record = (status: RunRecord['status'], reason?: string, extra?: Partial<RunRecord>) =>
    buildRunRecord({
      meta: { ...meta, status, ...(reason ? { statusReason: reason } : {}), ...extra },
      requestNames,
      phases: phaseMeta,
      timeline: [],
      workers: [],
    });

  try {
    try {
      await checkTarget(targetUrl);
    } catch (error) {
      const failed = record('failed', (error as Error).message, { endedAt: new Date().toISOString() });
      writer.writeRecord(failed);
      throw error;
    }
    const peak = peakRate(phases);
    if (!isLoopback(targetUrl) && !(await confirmLoad(ctx, targetUrl, peak, o.yes ?? false))) {
      ctx.stderr.write('not confirmed; nothing was sent\n');
      return exitCodes.usage;
    }
    writer.writeRecord(record('running'));
    const aws = profile.aws || Object.keys(o.function).length
      ? { ...(profile.aws ?? { functions: {} }), functions: { ...(profile.aws?.functions ?? {}), ...o.function } }
      : undefined;
    const collector: Collector = await selectCollector({ mode: o.collect, embedded, aws, env: ctx.env });
    return await execute();

    async function execute(): Promise<number> {
      const before = earlySignal();
      if (before) {
        writer.writeRecord(record('aborted', `interrupted by ${before} before the start`, { endedAt: new Date().toISOString() }));
        return before === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
      }
      removeEarly();
      const coordinator = new Coordinator(
        { profile, phases, targetUrl, workers, maxInFlight, timeoutMs: o.timeout, seed, env: envForTemplates(profile, ctx.env) },
        {
          onEntry: (e) => {
            writer.appendTimeline(e);
            view.entry(e);
          },
          onLive: (s) => {
            view.update(s);
            void collector.sample(Date.now());
          },
          onWarning: (m) => {
            warnings.push(m);
            view.done();
            log(`warning: ${m}`);
          },
        },
      );
      const view = new ProgressView(ctx.stderr, Boolean(ctx.stderr.isTTY) && !o.quiet, totalMs, (t) => rateAt(phases, t), o.quiet ? Infinity : 5000);
      let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
      const removeSignals = ctx.onSignal((signal, count) => {
        if (count === 1) {
          interrupted = signal;
          view.done();
          log(`${signal}: stopping; waiting up to ${o.grace / 1000}s for requests in flight (again to quit at once)`);
          coordinator.stop(o.grace);
          return;
        }
        const hurried = record('aborted', `${signal} twice: exited at once`, { endedAt: new Date().toISOString() });
        hurried.totals = coordinator.liveTotals();
        hurried.timeline = coordinator.timeline;
        writer.writeRecord(hurried);
        globalThis.process.exit(signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted);
      });
      const cpuBefore = globalThis.process.cpuUsage();
      const embeddedCpuBefore = embedded ? await embedded.cpuUsage() : null;
      const wallStart = Date.now();
      await collector.start({ startedAtMs: wallStart });
      let result;
      try {
        result = await coordinator.run();
      } finally {
        removeSignals();
        view.done();
      }
      const cpu = globalThis.process.cpuUsage(cpuBefore);
      const wallMs = Math.max(1, result.endEpochMs - result.startEpochMs);
      meta.environment.generatorCpuShare = round3((cpu.user + cpu.system) / 1000 / wallMs / availableParallelism());
      if (embedded && embeddedCpuBefore) {
        const after = await embedded.cpuUsage();
        const targetMs = after.userMs + after.systemMs - embeddedCpuBefore.userMs - embeddedCpuBefore.systemMs;
        meta.platform.model = { ...(await embedded.modelParameters()), embeddedTargetCpuShare: round3(targetMs / wallMs / availableParallelism()) };
      }
      if (collector.source === 'aws' && !interrupted) await settleCountdown(ctx, o.settle, log);
      const collected = await collector.stop({ endedAtMs: Date.now() });
      for (const w of collected.warnings) log(`warning: ${w}`);
      const status = interrupted ? 'aborted' : 'completed';
      const full = buildRunRecord({
        meta: {
          ...meta,
          status,
          ...(interrupted ? { statusReason: `interrupted by ${interrupted as string}` } : {}),
          startedAt: new Date(result.startEpochMs).toISOString(),
          endedAt: new Date(result.endEpochMs).toISOString(),
          platform: { ...meta.platform, series: collected.series, ...(collected.warnings.length ? { warnings: collected.warnings } : {}) },
        },
        requestNames,
        phases: phaseMeta,
        timeline: result.timeline,
        workers: result.workers,
      });
      addCostAndGates(full, {
        gates,
        allowUnknown: o.allowUnknown ?? false,
        pricesFile: o.prices,
        region: profile.aws?.region,
        fleets: o.fleet,
        savingsPlanDiscount: o.savingsPlan,
      });
      writer.writeRecord(full);
      printOutcome(ctx, full, dir, o);
      if (interrupted) return interrupted === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
      return gateExitCode(full, o.allowUnknown ?? false);
    }
  } finally {
    await embedded?.stop();
  }
}

function phaseMetadata(phases: Profile['load']['phases']): Array<{ kind: string; startMs: number; durationMs: number }> {
  let t = 0;
  return phases.map((p) => {
    const row = { kind: p.kind, startMs: t, durationMs: p.durationMs };
    t += p.durationMs;
    return row;
  });
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
