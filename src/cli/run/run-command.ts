/**
 * runCommand: `flashcrowd run <profile>`. Loads the profile, picks the target (the embedded notes
 * API when none is given), checks it accepts connections, runs the traffic (RunSession), collects
 * platform series, and writes the run record and its reports; gates pick the exit code.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { reconcile, renderReconciliation } from '../../collector/reconcile.js';
import { requiredCollectionFailed, selectCollector } from '../../collector/select-collector.js';
import { CollectorError, UsageError } from '../../errors.js';
import { parseGateExpression } from '../../profile/gate-expression.js';
import { loadProfile } from '../../profile/load-profile.js';
import { redactProfile } from '../../profile/redact-profile.js';
import type { AwsSpec, Phase, Profile } from '../../profile/types.js';
import { buildRunRecord, type RunMetadata } from '../../recorder/build-run-record.js';
import { newRunId, RunRecordWriter } from '../../recorder/run-record-writer.js';
import type { RunRecord } from '../../recorder/run-record.js';
import { peakRate, rateAt } from '../../schedule/rate-at.js';
import { scalePhases } from '../../schedule/scale-phases.js';
import type { CliContext } from '../cli-context.js';
import { modelOverrides, readModelFile } from '../commands/serve.js';
import { exitCodes } from '../exit-codes.js';
import { toolVersion } from '../tool-version.js';
import { checkTarget, isLoopback } from './check-target.js';
import { envForTemplates } from './env-for-templates.js';
import { addCostAndGates, finalizeOptions, gateExitCode } from './finalize-record.js';
import { confirmLoad, openFileLimit, printOutcome, settleCountdown } from './run-helpers.js';
import type { RunOptions } from './run-options.js';
import { RunSession } from './run-session.js';

type Signal = 'SIGINT' | 'SIGTERM';

export async function runCommand(
  profilePath: string,
  o: RunOptions,
  ctx: CliContext,
): Promise<number> {
  // A signal before the traffic starts: remember it, send nothing, exit as interrupted.
  let early: Signal | null = null;
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
  earlySignal: () => Signal | null,
  removeEarly: () => void,
): Promise<number> {
  const log = (s: string) => void (o.quiet ? undefined : ctx.stderr.write(`${s}\n`));
  const profile = loadProfile(resolve(ctx.cwd, profilePath), { env: ctx.env });
  const gates = [...profile.gates, ...o.gate.map((g) => parseGateExpression(g))];
  const seed = o.seed ?? profile.seed ?? Date.now() % 1_000_000;
  const phases = scalePhases(profile.load.phases, {
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  const platform = o.platform ?? profile.platform;
  const warnings: string[] = [];
  const maxInFlight = capInFlight(o.maxInFlight ?? profile.load.maxInFlight, warnings, log);
  const workers = o.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));

  const targetFlag = o.target ?? profile.target;
  if (targetFlag && !/^https?:\/\//.test(targetFlag))
    throw new UsageError(`--target must be an http:// or https:// URL (got "${targetFlag}")`);
  const embedded = targetFlag
    ? undefined
    : await (
        await import('../../target/embedded-target-host.js')
      ).startEmbeddedTarget({
        platform,
        modelBlock: o.model ? readModelFile(o.model, ctx.cwd) : profile.model,
        overrides: { ...modelOverrides(o), platform },
        seed,
        source: o.model ?? profile.source,
      });
  try {
    const targetUrl = targetFlag ?? embedded!.url;
    if (embedded) log(`embedded notes API (${platform} model) at ${targetUrl}`);
    const runId = newRunId(new Date(), profile.name);
    const dir = resolve(ctx.cwd, o.out ?? join('reports', runId));
    const writer = new RunRecordWriter(dir);
    const meta: RunMetadata = {
      runId,
      toolVersion: toolVersion(),
      kind: 'run',
      status: 'running',
      profile: redactProfile(profile),
      target: {
        url: targetUrl,
        kind: embedded ? 'embedded' : 'external',
        ...(embedded ? { platform } : {}),
      },
      startedAt: new Date().toISOString(),
      endedAt: null,
      environment: {
        args: ctx.argv,
        seed,
        nodeVersion: globalThis.process.version,
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
    const shape = {
      requestNames: profile.requests.map((r) => r.name),
      phases: phaseMetadata(phases),
    };
    const partial = (status: RunRecord['status'], reason?: string) =>
      buildRunRecord({
        meta: { ...meta, status, ...(reason ? { statusReason: reason } : {}) },
        ...shape,
        timeline: [],
        workers: [],
      });

    try {
      await checkTarget(targetUrl);
    } catch (error) {
      writer.writeRecord({
        ...partial('failed', (error as Error).message),
        endedAt: new Date().toISOString(),
      });
      throw error;
    }
    if (
      !isLoopback(targetUrl) &&
      !(await confirmLoad(ctx, targetUrl, peakRate(phases), o.yes ?? false))
    ) {
      ctx.stderr.write('not confirmed; nothing was sent\n');
      return exitCodes.usage;
    }
    let collector;
    try {
      collector = await selectCollector({
        mode: o.collect,
        embedded,
        aws: awsSpec(profile, o.function),
        env: ctx.env,
      });
    } catch (error) {
      writer.writeRecord({
        ...partial('failed', (error as Error).message),
        endedAt: new Date().toISOString(),
      });
      throw error;
    }
    const before = earlySignal();
    if (before) {
      writer.writeRecord({
        ...partial('aborted', `interrupted by ${before} before the start`),
        endedAt: new Date().toISOString(),
      });
      return before === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
    }
    writer.writeRecord(partial('running'));
    removeEarly();

    const session = new RunSession(ctx, {
      coordinator: {
        profile,
        phases,
        targetUrl,
        workers,
        maxInFlight,
        timeoutMs: o.timeout,
        seed,
        env: envForTemplates(profile, ctx.env),
      },
      writer,
      collector,
      gates,
      graceMs: o.grace,
      totalMs: phases.reduce((s, p) => s + p.durationMs, 0),
      targetRateAt: (t) => rateAt(phases, t),
      quiet: o.quiet ?? false,
      partialRecord: partial,
      warnings,
    });
    try {
      const cpuBefore = globalThis.process.cpuUsage();
      const targetCpuBefore = embedded ? await embedded.cpuUsage() : null;
      await collector.start({ startedAtMs: Date.now() });
      const result = await session.run();
      const wallMs = Math.max(1, result.endEpochMs - result.startEpochMs);
      const cores = availableParallelism();
      const cpu = globalThis.process.cpuUsage(cpuBefore);
      meta.environment.generatorCpuShare = round3((cpu.user + cpu.system) / 1000 / wallMs / cores);
      if (embedded && targetCpuBefore) {
        const after = await embedded.cpuUsage();
        const targetMs =
          after.userMs + after.systemMs - targetCpuBefore.userMs - targetCpuBefore.systemMs;
        meta.platform.model = {
          ...(await embedded.modelParameters()),
          embeddedTargetCpuShare: round3(targetMs / wallMs / cores),
        };
      }
      if (collector.source === 'aws' && !session.stopReason)
        await settleCountdown(ctx, o.settle, log, session.signalAfterTraffic);
      const collected = await collector.stop({ endedAtMs: Date.now() });
      for (const w of collected.warnings) log(`warning: ${w}`);
      const stop = session.stopReason;
      const full = buildRunRecord({
        meta: {
          ...meta,
          status: stop ? 'aborted' : 'completed',
          ...(stop
            ? {
                statusReason:
                  stop.kind === 'signal'
                    ? `interrupted by ${stop.signal}`
                    : `gate failed with abortOnFail: ${stop.expr}`,
              }
            : {}),
          startedAt: new Date(result.startEpochMs).toISOString(),
          endedAt: new Date(result.endEpochMs).toISOString(),
          platform: {
            ...meta.platform,
            series: collected.series,
            ...(collected.warnings.length ? { warnings: collected.warnings } : {}),
          },
        },
        ...shape,
        timeline: result.timeline,
        workers: result.workers,
      });
      if (collector.source === 'aws') full.platform.reconciliation = reconcile(full);
      addCostAndGates(full, finalizeOptions(o, gates, profile.aws?.region));
      writer.writeRecord(full);
      printOutcome(ctx, full, dir, o);
      if (full.platform.reconciliation?.length && !o.quiet && !o.json)
        ctx.stdout.write(`${renderReconciliation(full.platform.reconciliation)}\n`);
      const stopCode = session.exitCodeForStop();
      if (stopCode !== null) return stopCode;
      if (o.collect === 'aws') {
        const missing = requiredCollectionFailed(collected);
        if (missing)
          throw new CollectorError(
            `--collect aws: ${missing} (the run record is written: ${dir}/run.json)`,
          );
      }
      return gateExitCode(full, o.allowUnknown ?? false);
    } finally {
      session.close();
    }
  } finally {
    await embedded?.stop();
  }
}

function capInFlight(wanted: number, warnings: string[], log: (s: string) => void): number {
  const fileLimit = openFileLimit();
  if (!fileLimit || wanted <= fileLimit - 200) return wanted;
  const capped = Math.max(1, fileLimit - 200);
  warnings.push(
    `maxInFlight capped at ${capped} by the open-file limit (${fileLimit}); raise it with ulimit -n`,
  );
  log(`warning: ${warnings[warnings.length - 1]}`);
  return capped;
}

function awsSpec(profile: Profile, flagFunctions: Record<string, string>): AwsSpec | undefined {
  if (!profile.aws && Object.keys(flagFunctions).length === 0) return undefined;
  const base = profile.aws ?? { functions: {} };
  return { ...base, functions: { ...base.functions, ...flagFunctions } };
}

function phaseMetadata(
  phases: Phase[],
): Array<{ kind: string; startMs: number; durationMs: number }> {
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
