/**
 * defineSimulate: `flashcrowd simulate <profile>`: the profile's schedule through the scaling model
 * in virtual time (no sockets), writing the same run record as `run`, with cost and gates.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { ParsedModel } from '../../model/parse-model-params.js';
import type { GateSpec, Profile } from '../../profile/types.js';
import type { RunRecord } from '../../recorder/run-record.js';
import type { CliContext } from '../cli-context.js';
import {
  collect,
  durationMs,
  fraction,
  nonNegativeInt,
  oneOf,
  positiveInt,
} from '../run/option-parsers.js';
import type { CommonRunOptions } from '../run/run-options.js';
import type { CommandDefinition } from './index.js';
import { addScheduleOptions } from './schedule-options.js';
import { modelOverrides, readModelFile, type ModelFlags } from './serve.js';

interface SimulateOptions extends CommonRunOptions, Omit<ModelFlags, 'seed' | 'platform'> {
  timeout: number;
  maxInFlight?: number;
}

export const defineSimulate: CommandDefinition = (program, ctx, setExitCode) => {
  addScheduleOptions(program.command('simulate'))
    .description(
      'replay a profile through the Lambda/LMI scaling model in virtual time and write the run record',
    )
    .argument('<profile>', 'profile file (YAML or JSON)')
    .option(
      '--platform <p>',
      'scaling model: on-demand or lmi',
      oneOf('--platform', ['on-demand', 'lmi'] as const),
    )
    .option('--out <dir>', 'run folder (default: reports/<run-id>)')
    .option('--seed <n>', 'seed for arrivals, templates and the model', nonNegativeInt('--seed'))
    .option('--gate <expr>', 'gate expression, repeatable', collect, [])
    .option('--allow-unknown', 'a gate on a metric that was not produced does not fail the run')
    .option('--timeout <d>', 'per-request timeout', durationMs('--timeout'), 10_000)
    .option('--max-in-flight <n>', 'override load.maxInFlight', positiveInt('--max-in-flight'))
    .option('--model <file>', 'model parameters file (a `model:` block, or a profile with one)')
    .option('--instance-type <type>', 'LMI instance type (e.g. m7g.xlarge)')
    .option('--target-cpu <fraction>', 'LMI CPU utilization target (0.4 or 40%)')
    .option('--account-concurrency <n>', 'on-demand account concurrency limit')
    .option('--min-instances <n>', 'LMI minimum instances')
    .option('--max-instances <n>', 'LMI maximum instances')
    .option('--prices <file>', 'price table JSON (default: built-in or cached table)')
    .option('--fleet <type=count>', 'an extra fixed fleet to price, repeatable', collect, [])
    .option(
      '--savings-plan <fraction>',
      'Savings Plans discount 0..1 or 30% (never on the LMI fee)',
      fraction('--savings-plan'),
    )
    .option('--no-reports', 'do not write report.html, report.md and junit.xml')
    .option('--json', 'print the run record as JSON on stdout')
    .option('--quiet', 'print nothing but errors')
    .action(async (profile: string, options: SimulateOptions) => {
      setExitCode(await simulateCommand(profile, options, ctx));
    });
};

async function simulateCommand(
  profilePath: string,
  o: SimulateOptions,
  ctx: CliContext,
): Promise<number> {
  const { loadProfile } = await import('../../profile/load-profile.js');
  const { scalePhases } = await import('../../schedule/scale-phases.js');
  const profile = loadProfile(resolve(ctx.cwd, profilePath), { env: ctx.env });
  if (profile.load.model === 'closed')
    throw new UsageError(
      'simulate supports the open model only (load.model: open); use run for virtual users',
    );
  const seed = o.seed ?? profile.seed ?? 1;
  const phases = scalePhases(profile.load.phases, {
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  const block = o.model ? readModelFile(o.model, ctx.cwd) : profile.model;
  const platform = o.platform ?? profile.platform;
  const { parseModel } = await import('../../model/parse-model-params.js');
  const parsed = parseModel(block, { ...modelOverrides(o), platform }, o.model ?? profile.source);
  const wallStart = Date.now();
  const startMs = Math.floor(wallStart / 1000) * 1000;
  const { parseGateExpression } = await import('../../profile/gate-expression.js');
  const gates = [...profile.gates, ...o.gate.map((g) => parseGateExpression(g))];
  const record = await simulateRecord(profile, phases, parsed, { ...o, seed }, ctx, startMs, gates);
  const { newRunId, RunRecordWriter } = await import('../../recorder/run-record-writer.js');
  const dir = resolve(
    ctx.cwd,
    o.out ?? join('reports', record.runId || newRunId(new Date(wallStart), profile.name)),
  );
  const writer = new RunRecordWriter(dir);
  for (const entry of record.timeline) writer.appendTimeline(entry);
  const { addCostAndGates, finalizeOptions, gateExitCode } =
    await import('../run/finalize-record.js');
  addCostAndGates(record, finalizeOptions(o, gates, profile.aws?.region));
  writer.writeRecord(record);
  const { printOutcome } = await import('../run/run-helpers.js');
  if (!o.quiet)
    ctx.stderr.write(
      `simulated ${record.totals.planned} requests in ${((Date.now() - wallStart) / 1000).toFixed(1)} s\n`,
    );
  printOutcome(ctx, record, dir, o);
  // A fail-fast gate stopped the simulation: exit 1, as `run` does.
  if (record.status === 'aborted') return 1;
  return gateExitCode(record, o.allowUnknown ?? false);
}

async function simulateRecord(
  profile: Profile,
  phases: Profile['load']['phases'],
  parsed: ParsedModel,
  o: SimulateOptions & { seed: number },
  ctx: CliContext,
  startMs: number,
  gates: GateSpec[],
) {
  const { createPlatformModel } = await import('../../model/platform-model.js');
  const { createRandom } = await import('../../schedule/seeded-random.js');
  const { virtualRun } = await import('../../target/virtual-run.js');
  const { buildRunRecord } = await import('../../recorder/build-run-record.js');
  const { newRunId } = await import('../../recorder/run-record-writer.js');
  const { redactProfile } = await import('../../profile/redact-profile.js');
  const { envForTemplates } = await import('../run/env-for-templates.js');
  const { toolVersion } = await import('../tool-version.js');
  const { abortGateCheck } = await import('../run/abort-gate-check.js');
  const rng = createRandom(o.seed ^ 0x5eed);
  const model = createPlatformModel(parsed.params, {
    startMs,
    random: () => rng.next(),
    userSources: parsed.userSources,
  });
  const totalMs = phases.reduce((s, p) => s + p.durationMs, 0);
  const showProgress = !o.quiet && !o.json;
  let lastPrintMs = Date.now();
  const abortCheck = abortGateCheck(
    gates,
    profile.requests.map((r) => r.name),
  );
  const result = virtualRun({
    profile,
    phases,
    model,
    seed: o.seed,
    startMs,
    env: envForTemplates(profile, ctx.env),
    timeoutMs: o.timeout,
    maxInFlight: o.maxInFlight ?? profile.load.maxInFlight,
    onProgress: (virtualMs) => {
      if (!showProgress || Date.now() - lastPrintMs < 1000) return;
      lastPrintMs = Date.now();
      ctx.stderr.write(`simulating: ${formatMin(virtualMs)} of ${formatMin(totalMs)} virtual\n`);
    },
    ...(abortCheck
      ? { shouldStop: (p) => abortCheck.failed(p.timeline, p.overallLatency) !== null }
      : {}),
  });
  const abortedBy = result.stopped ? abortCheck?.lastFailure : undefined;
  let t = 0;
  const phaseMeta = phases.map((p) => {
    const row = { kind: p.kind, startMs: t, durationMs: p.durationMs };
    t += p.durationMs;
    return row;
  });
  const record = buildRunRecord({
    meta: {
      runId: newRunId(new Date(startMs), profile.name),
      toolVersion: toolVersion(),
      kind: 'simulate',
      status: abortedBy ? 'aborted' : 'completed',
      ...(abortedBy ? { statusReason: `gate failed with abortOnFail: ${abortedBy.expr}` } : {}),
      profile: redactProfile(profile),
      target: { url: 'simulated://notes-api', kind: 'simulated', platform: parsed.params.platform },
      startedAt: new Date(startMs).toISOString(),
      endedAt: new Date(startMs + result.durationMs).toISOString(),
      environment: {
        args: ctx.argv,
        seed: o.seed,
        nodeVersion: globalThis.process.version,
        cores: availableParallelism(),
        workers: 1,
        generatorCpuShare: null,
        timeScale: o.timeScale,
        rateScale: o.rateScale,
      },
      platform: { series: model.series(), model: model.modelParameters() },
      cost: null,
      gates: [],
      warnings: [],
    },
    requestNames: profile.requests.map((r) => r.name),
    phases: phaseMeta,
    timeline: result.timeline,
    workers: [result.recorder],
  });
  return withZeroLateness(record);
}

/**
 * withZeroLateness: in virtual time every request is sent exactly at its planned time, so the
 * generator's lateness is zero (not unknown): `latenessMs` keeps its shape for scripts and gates.
 */
function withZeroLateness(record: RunRecord): RunRecord {
  const sent = record.totals.sent;
  record.latenessMs =
    sent > 0 ? { count: sent, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 } : null;
  for (const e of record.timeline) if (e.sent > 0) e.latenessP99Ms = 0;
  return record;
}

function formatMin(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
