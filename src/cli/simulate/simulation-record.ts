/**
 * simulationRecord: the run record of a simulation, as `run` builds one for real traffic: the
 * target is `simulated://notes-api`, the platform series and parameters are the model's, and the
 * generator's lateness is zero (virtual time sends every request at its planned time).
 */
import { availableParallelism, hostname } from 'node:os';
import type { PlatformModel } from '../../model/platform-model.js';
import { redactProfile } from '../../profile/redact-profile.js';
import { buildRunRecord } from '../../record/build-run-record.js';
import type { RunRecord } from '../../record/run-record.js';
import type { VirtualRunResult } from '../../simulate/virtual-run.js';
import type { CliContext } from '../cli-context.js';
import { recordShape } from '../record-labels.js';
import { redactArgs } from '../redact-args.js';
import { toolVersion } from '../tool-version.js';
import type { SimulateOptions } from './define-simulate.js';
import type { Simulation, SimulationStop } from './simulate-command.js';

export function simulationRecord(
  sim: Simulation,
  o: SimulateOptions,
  ctx: CliContext,
  runId: string,
  result: VirtualRunResult,
  model: PlatformModel,
  stop?: SimulationStop,
): RunRecord {
  const record = buildRunRecord({
    meta: {
      runId,
      toolVersion: toolVersion(),
      kind: 'simulate',
      status: stop ? 'aborted' : 'completed',
      ...(stop ? { statusReason: stop.reason } : {}),
      profile: redactProfile(sim.profile),
      target: {
        url: 'simulated://notes-api',
        kind: 'simulated',
        platform: sim.parsed.params.platform,
      },
      startedAt: new Date(sim.startMs).toISOString(),
      endedAt: new Date(sim.startMs + result.durationMs).toISOString(),
      environment: {
        args: redactArgs(ctx.argv),
        seed: sim.seed,
        nodeVersion: ctx.nodeVersion,
        hostname: hostname(),
        cores: availableParallelism(),
        workers: 1,
        generatorCpuShare: null,
        timeScale: o.timeScale,
        rateScale: o.rateScale,
      },
      platform: { series: model.series(), model: model.modelParameters() },
      cost: null,
      gates: [],
      warnings: [...sim.warnings],
    },
    ...recordShape(sim.profile, sim.phases),
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
    sent > 0 ? { count: sent, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 } : null;
  for (const e of record.timeline) if (e.sent > 0) e.latenessP99Ms = 0;
  return record;
}
