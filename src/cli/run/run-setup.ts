/**
 * resolveRunSetup: everything `run` decides before touching the network: the profile, gates,
 * seed, scaled phases, platform, in-flight cap and worker count; plus the run record's metadata
 * and the target (the embedded notes API when no --target is given).
 */
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { NO_GATES_WARNING, runGates } from '../../profile/gate-references.js';
import { loadProfile } from '../../profile/load-profile.js';
import { redactProfile } from '../../profile/redact-profile.js';
import { redactUrl } from '../../profile/redact-url.js';
import type { AwsSpec, GateSpec, Phase, Profile } from '../../profile/types.js';
import type { RunMetadata } from '../../record/build-run-record.js';
import { scalePhases } from '../../schedule/scale-phases.js';
import { tenantIsolation } from '../tenant-isolation.js';
import { lambdaSetup } from '../lambda-setup.js';
import { isLambdaTarget } from '../../profile/lambda-target.js';
import type { CredentialProvider } from '../../generator/aws-credentials.js';
import { expectedArrivals } from '../../schedule/expected-arrivals.js';
import { peakRate } from '../../schedule/rate-at.js';
import { checkPlanCeiling, refuseEmptySchedule, refuseIdleForce } from '../plan-ceiling.js';
import { durablePlanWarnings } from '../durable-plan-warnings.js';
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { CliContext } from '../cli-context.js';
import { modelOverrides, readModelFile } from '../model-options.js';
import { toolVersion } from '../tool-version.js';
import { openFileLimit } from './open-file-limit.js';
import { costOptionsFrom } from '../cost-options-from.js';
import type { RunOptions } from './run-options.js';
import { targetCredentials } from './target-credentials.js';
import { redactArgs } from '../redact-args.js';
import { checkCollectMode } from './check-collect-mode.js';
import { checkShardOptions } from './shard-checks.js';
import { formatShard } from '../../schedule/shard-split.js';
import { embeddedGateContext, refuseEmbeddedModelFlags } from './embedded-model-checks.js';
import { checkFunctionFlags, withFunctionFlags } from './function-flags.js';

export interface RunSetup {
  profile: Profile;
  gates: GateSpec[];
  seed: number;
  phases: Phase[];
  /** The highest arrival rate of the schedule, wave noise of `seed` included (req/s). */
  peakPerSec: number;
  platform: 'on-demand' | 'lmi';
  maxInFlight: number;
  /** `--connections`, checked against the workers and the open-file limit. */
  connections?: number;
  workers: number;
  warnings: string[];
  /** Profile (or --target) URL; undefined means the embedded notes API. */
  targetFlag?: string;
  /** Set when the profile sends Lambda Invokes (src/cli/lambda-setup.ts). */
  invokes?: {
    functions: string[];
    /** What made the requests Invokes (for messages: `--target`, the profile's target). */
    where: string;
    /** Credentials to sign with instead of the default chain (the embedded target's). */
    provider?: CredentialProvider;
  };
}

/** resolveRunSetup loads and checks everything; throws ProfileError/UsageError (exit 2). */
export function resolveRunSetup(
  path: string,
  o: RunOptions,
  ctx: CliContext,
  log: (s: string) => void,
): RunSetup {
  const loaded = loadProfile(resolve(ctx.cwd, path), {
    env: ctx.env,
    ...(o.target !== undefined ? { target: o.target } : {}),
  });
  const warnings: string[] = [];
  const written = o.target ?? loaded.target;
  if (written && !/^https?:\/\//.test(written) && !isLambdaTarget(written))
    throw new UsageError(
      `--target must be an http:// or https:// URL, or lambda:FUNCTION[:QUALIFIER] (got "${redactUrl(written)}")`,
    );
  const where = o.target ? '--target' : `target: in ${loaded.source}`;
  if (written) refuseEmbeddedModelFlags(o, where);
  // A profile serves run and simulate alike: its model block is simulate's, said once here.
  if (written && loaded.model !== undefined) {
    warnings.push(
      `the profile's model: block sets the embedded target and simulate; against ${redactUrl(written)} it is not used (cost and gates read the real functions)`,
    );
    log(`warning: ${warnings[warnings.length - 1]}`);
  }
  costOptionsFrom(o); // bad --fleet or Savings Plan discounts exit 2 before any traffic
  const lambda = lambdaSetup(loaded, written, where, ctx.env);
  const { url: targetFlag, profile } =
    written && !isLambdaTarget(written)
      ? targetCredentials(written, lambda.profile, where)
      : { url: lambda.endpoint, profile: lambda.profile };
  const phases = scalePhases(profile.load.phases, {
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  const workers = o.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const given = o.seed ?? profile.seed;
  // Shards draw no seed of their own: each would draw another, and their arrivals would overlap.
  const seed = given ?? (o.startAt ?? Date.now()) % 1_000_000;
  // The peak the run will send, its wave noise included (the cursors apply it by this seed).
  const peakPerSec = peakRate(phases, { noiseSeed: seed });
  refuseIdleForce(o.force, profile.load.model);
  if (profile.load.model === 'open') {
    const plannedRequests = expectedArrivals(phases, 0, totalMs(phases));
    refuseEmptySchedule(plannedRequests);
    // A shard's host sends its 1/N of the arrivals (shard-split.ts): the bound is on that share.
    const share = 1 / (o.shard?.count ?? 1);
    checkPlanCeiling({
      command: 'run',
      // A drawn seed must not decide the verdict: checked at the highest peak any seed gives, as plan does.
      peakPerSec: share * (given === undefined ? peakRate(phases, 'any seed') : peakPerSec),
      plannedRequests: share * plannedRequests,
      workers,
      force: o.force ?? false,
      ...(o.shard ? { shard: formatShard(o.shard) } : {}),
    });
  }
  const platform = o.platform ?? profile.platform;
  const modelBlock = o.model ? readModelFile(o.model, ctx.cwd) : profile.model;
  // The embedded target's model, checked now as simulate checks it (the child parses it again):
  // a bad block names its own field, and gates and Invokes naming functions (or LMI labels) it
  // lacks are exit 2.
  const gateContext = targetFlag
    ? {}
    : embeddedGateContext(profile, modelBlock, { ...modelOverrides(o), platform }, o.model);
  for (const w of durablePlanWarnings(
    profile,
    peakPerSec,
    workers,
    !targetFlag,
    modelBlock,
    o.shard,
  )) {
    warnings.push(w);
    log(`warning: ${w}`);
  }
  if (profile.load.model === 'closed' && o.maxLateness !== undefined)
    throw new UsageError(
      `--max-lateness: the closed model does not read it (each user sends its next request after the reply); drop it, or set load.model: open in ${profile.source}`,
    );
  const gates = runGates(profile, o.gate, gateContext);
  checkShardOptions(o, targetFlag, gates, Date.now());
  checkFunctionFlags(profile, o.function ?? {});
  checkCollectMode(o, targetFlag, awsSpec(profile, o.function ?? {}));
  if (gates.length === 0) {
    warnings.push(NO_GATES_WARNING);
    log(`warning: ${NO_GATES_WARNING}`);
  }
  return {
    // `--function` mappings are kept in the recorded profile, so `collect` finds them later.
    profile: withFunctionFlags(profile, o.function ?? {}),
    gates,
    seed,
    phases,
    peakPerSec,
    platform,
    maxInFlight: capInFlight(o.maxInFlight ?? profile.load.maxInFlight, warnings, log),
    ...(o.connections !== undefined
      ? { connections: checkConnections(o.connections, workers) }
      : {}),
    workers,
    warnings,
    targetFlag,
    ...(lambda.invokes
      ? {
          invokes: {
            functions: lambda.functions,
            where: isLambdaTarget(written) ? where : 'the requests’ invoke:',
            ...(lambda.provider ? { provider: lambda.provider } : {}),
          },
        }
      : {}),
  };
}

/** startEmbedded starts the embedded notes API when the run has no target URL. */
export async function startEmbedded(
  s: RunSetup,
  o: RunOptions,
  ctx: CliContext,
): Promise<EmbeddedTarget | undefined> {
  if (s.targetFlag) return undefined;
  const { startEmbeddedTarget } = await import('../../notes-api/embedded-target-host.js');
  return startEmbeddedTarget({
    platform: s.platform,
    modelBlock: o.model ? readModelFile(o.model, ctx.cwd) : s.profile.model,
    overrides: { ...modelOverrides(o), platform: s.platform },
    seed: s.seed,
    source: o.model ?? s.profile.source,
    tenants: tenantIsolation(s.profile, s.platform),
  });
}

/** runMetadata: the record's metadata at the start (status `running`). */
export function runMetadata(
  s: RunSetup,
  o: RunOptions,
  ctx: CliContext,
  runId: string,
  targetUrl: string,
  embedded: boolean,
): RunMetadata {
  return {
    runId,
    toolVersion: toolVersion(),
    kind: 'run',
    status: 'running',
    profile: redactProfile(s.profile),
    target: {
      url: redactUrl(targetUrl),
      kind: embedded ? 'embedded' : 'external',
      ...(embedded ? { platform: s.platform } : {}),
    },
    startedAt: new Date().toISOString(),
    endedAt: null,
    environment: {
      args: redactArgs(ctx.argv),
      seed: s.seed,
      nodeVersion: ctx.nodeVersion,
      hostname: hostname(),
      cores: availableParallelism(),
      workers: s.workers,
      generatorCpuShare: null,
      timeScale: o.timeScale,
      rateScale: o.rateScale,
    },
    platform: { series: [] },
    cost: null,
    gates: [],
    warnings: s.warnings,
  };
}

/** awsSpec: the profile's `aws` block with `--function` mappings added. */
export function awsSpec(
  profile: Profile,
  flagFunctions: Record<string, string>,
): AwsSpec | undefined {
  if (!profile.aws && Object.keys(flagFunctions).length === 0) return undefined;
  const base = profile.aws ?? { functions: {} };
  const durable = [
    ...new Set(profile.requests.flatMap((r) => (r.durable ? [r.durable.function] : []))),
  ];
  return {
    ...base,
    functions: { ...base.functions, ...flagFunctions },
    ...(durable.length > 0 ? { durableFunctions: durable } : {}),
  };
}

/** checkConnections: `--connections` gives every worker at least one and fits the open files. */
function checkConnections(connections: number, workers: number): number {
  if (connections < workers)
    throw new UsageError(
      `--connections ${connections} is fewer than the ${workers} workers: each worker needs at least one connection (give --connections ${workers} or more, or fewer --workers)`,
    );
  const fileLimit = openFileLimit();
  if (fileLimit && connections > fileLimit - 200)
    throw new UsageError(
      `--connections ${connections} needs as many sockets, beyond the open-file limit (${fileLimit}) less 200 for the rest: raise it with ulimit -n, or give fewer`,
    );
  return connections;
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

function totalMs(phases: Phase[]): number {
  return phases.reduce((sum, p) => sum + p.durationMs, 0);
}
