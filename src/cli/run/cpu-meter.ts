/**
 * cpuMeter: the generator's CPU share (this process: main thread and workers) and the embedded
 * target's (its own process) over the traffic, as fractions of the machine's cores, written into
 * the run's metadata by `record` after the traffic. Used by run-command.ts only.
 */
import { availableParallelism } from 'node:os';
import type { GeneratorResult } from '../../generator/coordinator.js';
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { RunMetadata } from '../../record/build-run-record.js';
import type { CliContext } from '../cli-context.js';

export async function cpuMeter(ctx: CliContext, embedded?: EmbeddedTarget) {
  const before = ctx.cpuUsage();
  const targetBefore = embedded ? await embedded.cpuUsage() : null;
  return {
    async record(meta: RunMetadata, result: GeneratorResult): Promise<void> {
      const machineMs =
        Math.max(1, result.endEpochMs - result.startEpochMs) * availableParallelism();
      const cpu = ctx.cpuUsage(before);
      meta.environment.generatorCpuShare = round3((cpu.user + cpu.system) / 1000 / machineMs);
      if (!embedded || !targetBefore) return;
      // A target that went away must not cost the record: its CPU share is then unknown.
      const after = await embedded.cpuUsage().catch(() => null);
      if (!after) return;
      const targetMs = after.userMs + after.systemMs - targetBefore.userMs - targetBefore.systemMs;
      meta.platform.model = {
        ...(await embedded.modelParameters()),
        embeddedTargetCpuShare: round3(targetMs / machineMs),
      };
    },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
