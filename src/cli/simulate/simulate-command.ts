/**
 * simulateCommand: `flashcrowd simulate <profile>`. The profile's open-model schedule through the
 * scaling model in virtual time (src/simulate/virtual-run.ts): no sockets, no threads, deterministic
 * for a seed. Writes the same run record, reports, cost and gates as `run`, with the same exit
 * codes; fail-fast gates stop it as they stop `run`.
 */
import { basename, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { parseModel, type ParsedModel } from '../../model/parse-model-params.js';
import { createPlatformModel, type PlatformModel } from '../../model/platform-model.js';
import { NO_GATES_WARNING, runGates } from '../../profile/gate-references.js';
import { loadProfile } from '../../profile/load-profile.js';
import { unusedConnectionSettings } from './unused-connection-settings.js';
import type { GateSpec, Phase, Profile } from '../../profile/types.js';
import { newRunId, RunRecordWriter } from '../../record/run-record-writer.js';
import type { GateResult } from '../../record/run-record.js';
import { totalDurationMs } from '../../schedule/phase-timeline.js';
import { scalePhases } from '../../schedule/scale-phases.js';
import { expectedArrivals } from '../../schedule/expected-arrivals.js';
import { peakRate } from '../../schedule/rate-at.js';
import { checkPlanCeiling, refuseEmptySchedule } from '../plan-ceiling.js';
import { durablePlanWarnings } from '../durable-plan-warnings.js';
import { createRandom } from '../../random/seeded-random.js';
import { virtualRun, type VirtualRunResult } from '../../simulate/virtual-run.js';
import type { CliContext } from '../cli-context.js';
import type { SimulateOptions } from './define-simulate.js';
import { modelOverrides, readModelFile } from '../model-options.js';
import { tenantIsolation } from '../tenant-isolation.js';
import { checkModelledFunctions, simulatedInvokes } from '../lambda-setup.js';
import { checkPricesBeforeTraffic } from '../check-prices-before-traffic.js';
import { exitCodes } from '../exit-codes.js';
import { openRunFolder } from '../run-folder.js';
import { abortGateCheck } from '../run/abort-gate-check.js';
import { modelGateContext } from '../run/embedded-model-checks.js';
import { envForTemplates } from '../run/env-for-templates.js';
import {
  addCostAndGates,
  costOptionsFrom,
  finalizeOptions,
  gateExitCode,
} from '../run/finalize-record.js';
import { formatClock } from '../run/progress-view.js';
import { printOutcome } from '../run/print-outcome.js';
import { setSimulationHeapFlags } from './simulation-heap-flags.js';
import { simulationRecord } from './simulation-record.js';

export interface Simulation {
  profile: Profile;
  phases: Phase[];
  parsed: ParsedModel;
  gates: GateSpec[];
  seed: number;
  /** Epoch ms of virtual time 0 (a whole second, so series line up with the timeline). */
  startMs: number;
  /** Said on stderr before the simulation and kept in the record. */
  warnings: string[];
}

export async function simulateCommand(
  profilePath: string,
  o: SimulateOptions,
  ctx: CliContext,
): Promise<number> {
  const wallStart = Date.now();
  setSimulationHeapFlags();
  const sim = prepare(profilePath, o, ctx, Math.floor(wallStart / 1000) * 1000);
  await checkPricesBeforeTraffic(o, sim.profile.aws?.region, ctx);
  // The folder is claimed before the simulation: a --out that holds a run is refused at once,
  // not after minutes of computing.
  const wantedId = newRunId(new Date(sim.startMs), sim.profile.name);
  const dir = openRunFolder({
    cwd: ctx.cwd,
    out: o.out,
    runId: wantedId,
    overwrite: o.overwrite,
  });
  const signals = signalStop(ctx, o);
  try {
    const { result, model, abortedBy } = await runModel(sim, o, ctx, () => signals.signal !== null);
    const stop: SimulationStop | undefined =
      signals.signal !== null
        ? { reason: `interrupted by ${signals.signal}`, signal: signals.signal }
        : abortedBy
          ? { reason: `gate failed with abortOnFail: ${abortedBy.expr}` }
          : undefined;
    // The default folder may carry a -2 suffix; the run id is then the folder's name.
    const runId = o.out === undefined ? basename(dir) : wantedId;
    const record = simulationRecord(sim, o, ctx, runId, result, model, stop);
    const writer = new RunRecordWriter(dir);
    writer.appendTimelineAll(record.timeline);
    addCostAndGates(record, finalizeOptions(o, sim.gates, sim.profile.aws?.region, ctx));
    writer.writeRecord(record);
    if (!o.quiet)
      ctx.stderr.write(
        `simulated ${record.totals.planned} requests in ${((Date.now() - wallStart) / 1000).toFixed(1)} s\n`,
      );
    printOutcome(ctx, record, dir, o);
    // Stopped by a signal: 130 or 143; by a fail-fast gate: 1, as `run` does.
    if (stop?.signal)
      return stop.signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
    if (stop) return exitCodes.gateFailed;
    return gateExitCode(record, o.allowUnknown ?? false);
  } finally {
    signals.remove();
  }
}

type Signal = 'SIGINT' | 'SIGTERM';

/** Why a simulation ended before its schedule did. */
export interface SimulationStop {
  /** The record's statusReason. */
  reason: string;
  /** The signal that stopped it; absent for a fail-fast gate. */
  signal?: Signal;
}

/**
 * signalStop handles Ctrl-C and SIGTERM while a simulation runs: the first stops sending at the
 * simulation's next turn of the event loop (the replies in flight are delivered in virtual time,
 * then the record is written with status `aborted`). Delivering and writing do not yield, so a
 * second signal is seen only when it arrives in the same turn as the first; it exits at once,
 * writing nothing.
 */
function signalStop(
  ctx: CliContext,
  o: SimulateOptions,
): { readonly signal: Signal | null; remove: () => void } {
  const state = { signal: null as Signal | null, remove: () => {} };
  state.remove = ctx.onSignal((signal, count) => {
    if (count === 1) {
      state.signal = signal;
      if (!o.quiet) ctx.stderr.write(`${signal}: stopping the simulation; writing the record\n`);
      return;
    }
    if (!o.quiet) ctx.stderr.write(`${signal} again: exiting without a record\n`);
    ctx.exit(signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted);
  });
  return state;
}

function prepare(
  profilePath: string,
  o: SimulateOptions,
  ctx: CliContext,
  startMs: number,
): Simulation {
  const loaded = loadProfile(resolve(ctx.cwd, profilePath), { env: ctx.env });
  // Read before simulatedInvokes, which adds SigV4 auth to a profile that sends Invokes.
  const unused = unusedConnectionSettings(loaded);
  const profile = simulatedInvokes(loaded);
  if (profile.load.model === 'closed')
    throw new UsageError(
      'simulate supports the open model only (load.model: open); use run for virtual users',
    );
  costOptionsFrom(o); // bad --fleet or Savings Plan discounts exit 2 before the simulation
  const block = o.model ? readModelFile(o.model, ctx.cwd) : profile.model;
  const platform = o.platform ?? profile.platform;
  tenantIsolation(profile, platform);
  const phases = scalePhases(profile.load.phases, {
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  const seed = o.seed ?? profile.seed ?? 1;
  // The peak the simulation will send, its wave noise included.
  const peakPerSec = peakRate(phases, { noiseSeed: seed });
  const plannedRequests = expectedArrivals(
    phases,
    0,
    phases.reduce((s, p) => s + p.durationMs, 0),
  );
  refuseEmptySchedule(plannedRequests);
  checkPlanCeiling({
    command: 'simulate',
    peakPerSec,
    plannedRequests,
    workers: 1,
    force: o.force ?? false,
  });
  const parsed = parseModel(block, { ...modelOverrides(o), platform }, o.model ?? profile.source);
  const gateContext = modelGateContext(parsed.params);
  checkModelledFunctions(profile, gateContext.functions);
  const gates = runGates(profile, o.gate, gateContext);
  const warnings = [
    ...unused,
    ...durablePlanWarnings(profile, peakPerSec, 1, true, block),
    ...(gates.length === 0 ? [NO_GATES_WARNING] : []),
  ];
  if (!o.quiet) for (const w of warnings) ctx.stderr.write(`warning: ${w}\n`);
  return {
    profile,
    phases,
    parsed,
    gates,
    seed,
    startMs,
    warnings,
  };
}

/**
 * runModel drives the model through the whole schedule, with progress and fail-fast gates, until
 * `interrupted` says to stop; `abortedBy` is the fail-fast gate that stopped it, if one did.
 */
async function runModel(
  sim: Simulation,
  o: SimulateOptions,
  ctx: CliContext,
  interrupted: () => boolean,
): Promise<{ result: VirtualRunResult; model: PlatformModel; abortedBy?: GateResult }> {
  const rng = createRandom(sim.seed ^ 0x5eed);
  const model = createPlatformModel(sim.parsed.params, {
    startMs: sim.startMs,
    random: () => rng.next(),
    userSources: sim.parsed.userSources,
    ...(sim.profile.tenants ? { tenants: { count: sim.profile.tenants.count } } : {}),
    // The virtual notes API reads each decision at once (VirtualNotesApi.callMatched).
    reuseDecisions: true,
  });
  const totalMs = totalDurationMs(sim.phases);
  const showProgress = !o.quiet && !o.json;
  let lastPrintMs = Date.now();
  const abortCheck = abortGateCheck(
    sim.gates,
    sim.profile.requests.map((r) => r.name),
  );
  const result = await virtualRun({
    profile: sim.profile,
    phases: sim.phases,
    model,
    seed: sim.seed,
    startMs: sim.startMs,
    env: envForTemplates(sim.profile, ctx.env),
    timeoutMs: o.timeout,
    maxInFlight: o.maxInFlight ?? sim.profile.load.maxInFlight,
    onProgress: (virtualMs) => {
      if (!showProgress || Date.now() - lastPrintMs < 1000) return;
      lastPrintMs = Date.now();
      ctx.stderr.write(
        `simulating: ${formatClock(virtualMs)} of ${formatClock(totalMs)} virtual\n`,
      );
    },
    interrupted,
    ...(abortCheck
      ? { shouldStop: (p) => abortCheck.failed(p.timeline, p.overallLatency) !== null }
      : {}),
  });
  const byGate = result.stopped && !interrupted();
  return { result, model, abortedBy: byGate ? abortCheck?.lastFailure : undefined };
}
