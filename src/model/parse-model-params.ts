/**
 * parseModelParams: the model's parameters from a profile's `model:` block plus command-line
 * overrides, validated all at once. Every problem is reported with its `model.*` path.
 */
import { ProfileError, type Issue } from '../errors.js';
import { checkModelParams, type ModelIssue } from './check-model-params.js';
import { DEFAULT_INSTANCE_TYPE } from './instance-types.js';
import {
  durationMs,
  fractionOf,
  modelBlockSchema,
  rangeMs,
  type ModelBlock,
} from './model-block-schema.js';
import { defaultModelParams, type ModelParams } from './model-params.js';
import {
  DURABLE_DEFAULT_CHECKPOINT_BYTES,
  DURABLE_DEFAULT_RETENTION_DAYS,
  DURABLE_MAX_EXECUTION_TIMEOUT_MS,
  durableRoute,
  segmentsOf,
  type DurableStep,
} from './durable-workflow.js';

/** Command-line overrides (flags); each lands at the block path named in the comment. */
export interface ModelOverrides {
  /** model.platform */
  platform?: string;
  /** model.architecture */
  architecture?: string;
  /** model.lmi.instanceType */
  instanceType?: string;
  /** model.lmi.targetCpu: a fraction or `40%`. */
  targetCpu?: number | string;
  /** model.onDemand.accountConcurrency */
  accountConcurrency?: number | string;
  /** model.lmi.minInstances */
  minInstances?: number | string;
  /** model.lmi.maxInstances */
  maxInstances?: number | string;
  /** model.timeScale */
  timeScale?: number | string;
}

const OVERRIDE_PATHS: Record<keyof ModelOverrides, string[]> = {
  platform: ['platform'],
  architecture: ['architecture'],
  instanceType: ['lmi', 'instanceType'],
  targetCpu: ['lmi', 'targetCpu'],
  accountConcurrency: ['onDemand', 'accountConcurrency'],
  minInstances: ['lmi', 'minInstances'],
  maxInstances: ['lmi', 'maxInstances'],
  timeScale: ['timeScale'],
};

/** Parsed params plus the leaf paths the user set (for modelParameters' sources). */
export interface ParsedModel {
  params: ModelParams;
  /** Dotted path -> "profile <source>" or "command line". */
  userSources: Record<string, string>;
}

/**
 * parseModelParams validates `modelBlock` (unknown, may be undefined) with `overrides` applied on
 * top, and returns complete params. Throws ProfileError(source, issues) listing every problem with
 * paths such as `model.lmi.targetCpu`. Pure; does not mutate its arguments.
 */
export function parseModelParams(
  modelBlock: unknown,
  overrides: ModelOverrides = {},
  source = 'model',
): ModelParams {
  return parseModel(modelBlock, overrides, source).params;
}

/** parseModel is parseModelParams that also reports which parameters the user set. */
export function parseModel(
  modelBlock: unknown,
  overrides: ModelOverrides,
  source: string,
): ParsedModel {
  const userSources: Record<string, string> = {};
  const block = structuredClone(modelBlock ?? {}) as Record<string, unknown>;
  if (typeof block === 'object' && block !== null && !Array.isArray(block)) {
    collectLeaves(block, '', userSources, `profile ${source}`);
    applyOverrides(block, overrides, userSources);
  }
  const result = modelBlockSchema.safeParse(block);
  if (!result.success) {
    const issues: Issue[] = result.error.issues.map((i) => {
      // A value that came from a flag is blamed on the flag, not on the profile file.
      const flag = userSources[i.path.join('.')] === 'command line' ? flagOf(i.path) : undefined;
      return {
        path: formatPath(['model', ...i.path]),
        message: i.code === 'unrecognized_keys' ? `unknown key(s) ${i.keys.join(', ')}` : i.message,
        ...(flag ? { hint: `set by ${flag}` } : {}),
        ...(i.code === 'unrecognized_keys' && renamedHint(i.keys)
          ? { hint: renamedHint(i.keys) }
          : {}),
      };
    });
    throw new ProfileError(source, issues);
  }
  const params = buildParams(result.data);
  const issues = [...unusedFlagIssues(params, overrides), ...checkModelParams(params)].map(
    ({ comparedWith = [], ...issue }) => {
      // As above: a cross-field problem names the flags that set either side of the comparison.
      const flags = [issue.path, ...comparedWith].flatMap((dotted, i) => {
        const path = dotted.replace(/^model\./, '').split('.');
        const flag = userSources[path.join('.')] === 'command line' ? flagOf(path) : undefined;
        if (!flag) return [];
        return [i === 0 ? `set by ${flag}` : `${path.at(-1)} set by ${flag}`];
      });
      if (flags.length === 0) return issue;
      return { ...issue, hint: [issue.hint, flags.join(', ')].filter(Boolean).join('; ') };
    },
  );
  if (issues.length > 0) throw new ProfileError(source, issues);
  return { params, userSources: normalizeSources(userSources) };
}

/**
 * unusedFlagIssues: `--account-concurrency` on the LMI platform, which reads no on-demand
 * parameter (nor does the cost analysis: its LMI what-if of an on-demand run reads the lmi.*
 * flags, so those are kept on either platform).
 */
function unusedFlagIssues(params: ModelParams, overrides: ModelOverrides): ModelIssue[] {
  if (params.platform !== 'lmi' || overrides.accountConcurrency === undefined) return [];
  return [
    {
      path: 'model.onDemand.accountConcurrency',
      message:
        'the on-demand account concurrency limit has no effect on the lmi platform, which this model runs',
      hint: 'drop it, or give --platform on-demand',
    },
  ];
}

/** Keys of earlier versions and what replaced them. */
const RENAMED_KEYS: Record<string, string> = {
  perEnvironmentMaxConcurrency:
    'perEnvironmentMaxConcurrency is now perVCpuMaxConcurrency (requests per vCPU; an environment serves its vCPUs x that)',
};

function renamedHint(keys: string[]): string | undefined {
  const hints = keys.flatMap((k) => (RENAMED_KEYS[k] ? [RENAMED_KEYS[k]] : []));
  return hints.length > 0 ? hints.join('; ') : undefined;
}

/** flagOf names the command-line flag that sets a model path (`--target-cpu`), if any. */
function flagOf(path: PropertyKey[]): string | undefined {
  const joined = path.join('.');
  for (const [key, p] of Object.entries(OVERRIDE_PATHS)) {
    if (p.join('.') === joined) return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }
  return undefined;
}

function applyOverrides(
  block: Record<string, unknown>,
  overrides: ModelOverrides,
  sources: Record<string, string>,
) {
  for (const [key, value] of Object.entries(overrides) as Array<[keyof ModelOverrides, unknown]>) {
    if (value === undefined) continue;
    const path = OVERRIDE_PATHS[key];
    let node = block;
    for (const part of path.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const numeric =
      typeof value === 'string' &&
      /^-?\d+(\.\d+)?$/.test(value) &&
      key !== 'instanceType' &&
      key !== 'architecture';
    node[path[path.length - 1]] = numeric ? Number(value) : value;
    sources[path.join('.')] = 'command line';
  }
}

function buildParams(b: ModelBlock): ModelParams {
  const p = defaultModelParams();
  if (b.platform) p.platform = b.platform;
  if (b.architecture) p.architecture = b.architecture;
  p.lmi.instanceType = DEFAULT_INSTANCE_TYPE[p.architecture];
  if (b.timeScale !== undefined) p.timeScale = b.timeScale;
  if (b.errorRate !== undefined) p.errorRate = fractionOf(b.errorRate);
  const od = b.onDemand ?? {};
  if (od.accountConcurrency !== undefined) p.onDemand.accountConcurrency = od.accountConcurrency;
  if (od.newEnvironmentsPer10s !== undefined)
    p.onDemand.newEnvironmentsPer10s = od.newEnvironmentsPer10s;
  if (od.requestsPerSecPerConcurrency !== undefined)
    p.onDemand.requestsPerSecPerConcurrency = od.requestsPerSecPerConcurrency;
  if (od.coldStart !== undefined) p.onDemand.coldStartMs = rangeMs(od.coldStart);
  if (od.idleTimeout !== undefined) p.onDemand.idleTimeoutMs = rangeMs(od.idleTimeout);
  if (od.reservedConcurrency) p.onDemand.reservedConcurrency = { ...od.reservedConcurrency };
  if (od.functionMemoryMb !== undefined) p.onDemand.functionMemoryMb = od.functionMemoryMb;
  const l = b.lmi ?? {};
  const lmi = p.lmi;
  if (l.capacityProvider) lmi.capacityProvider = l.capacityProvider;
  if (l.instanceType) lmi.instanceType = l.instanceType;
  if (l.initialInstances !== undefined) lmi.initialInstances = l.initialInstances;
  if (l.minInstances !== undefined) lmi.minInstances = l.minInstances;
  if (l.maxInstances !== undefined) lmi.maxInstances = l.maxInstances;
  if (l.maxVCpuCount !== undefined) lmi.maxVCpuCount = l.maxVCpuCount;
  if (l.functionMemoryGiB !== undefined) lmi.functionMemoryGiB = l.functionMemoryGiB;
  if (l.memoryGiBPerVCpu !== undefined) lmi.memoryGiBPerVCpu = l.memoryGiBPerVCpu;
  if (l.minExecutionEnvironments !== undefined)
    lmi.minExecutionEnvironments = l.minExecutionEnvironments;
  if (l.maxExecutionEnvironments !== undefined)
    lmi.maxExecutionEnvironments = l.maxExecutionEnvironments;
  if (l.functions) lmi.functions = structuredClone(l.functions);
  if (l.perVCpuMaxConcurrency !== undefined) lmi.perVCpuMaxConcurrency = l.perVCpuMaxConcurrency;
  if (l.targetCpu !== undefined) lmi.targetCpu = fractionOf(l.targetCpu);
  if (l.scalingTolerance !== undefined) lmi.scalingTolerance = fractionOf(l.scalingTolerance);
  if (l.evaluationInterval !== undefined)
    lmi.evaluationIntervalMs = durationMs(l.evaluationInterval);
  if (l.launchDelay !== undefined) lmi.launchDelayMs = rangeMs(l.launchDelay);
  if (l.scaleInCooldown !== undefined) lmi.scaleInCooldownMs = durationMs(l.scaleInCooldown);
  if (l.cpuThrottleAt !== undefined) lmi.cpuThrottleAt = fractionOf(l.cpuThrottleAt);
  if (l.cpuThrottleWindow !== undefined) lmi.cpuThrottleWindowMs = durationMs(l.cpuThrottleWindow);
  for (const [name, r] of Object.entries(b.routes ?? {})) {
    const base = p.routes[name] ?? {
      functionName: `notes-${name}`,
      serviceMs: { min: 20, max: 40 },
      cpuMs: 5,
    };
    p.routes[name] = {
      functionName: r.function ?? base.functionName,
      serviceMs: r.serviceTime !== undefined ? rangeMs(r.serviceTime) : base.serviceMs,
      cpuMs: r.cpuTime !== undefined ? durationMs(r.cpuTime) : base.cpuMs,
    };
  }
  if (b.durable) addDurable(p, b.durable);
  return p;
}

/** addDurable sets params.durable and one route per workflow segment (each an invocation). */
function addDurable(p: ModelParams, block: NonNullable<ModelBlock['durable']>): void {
  p.durable = {};
  for (const [fn, d] of Object.entries(block)) {
    const steps = d.steps.map((s): DurableStep =>
      'wait' in s
        ? { kind: 'wait', waitMs: durationMs(s.wait) }
        : {
            kind: 'work',
            cpuMs: s.cpu !== undefined ? durationMs(s.cpu) : 0,
            serviceMs: s.service !== undefined ? durationMs(s.service) : 0,
          },
    );
    p.durable[fn] = {
      steps,
      failRate: d.failRate !== undefined ? fractionOf(d.failRate) : 0,
      executionTimeoutMs:
        d.executionTimeout !== undefined
          ? durationMs(d.executionTimeout)
          : DURABLE_MAX_EXECUTION_TIMEOUT_MS,
      retentionDays: d.retentionDays ?? DURABLE_DEFAULT_RETENTION_DAYS,
      checkpointBytes: d.checkpointBytes ?? DURABLE_DEFAULT_CHECKPOINT_BYTES,
    };
    segmentsOf(steps).forEach((seg, i) => {
      p.routes[durableRoute(fn, i)] = {
        functionName: fn,
        serviceMs: { min: seg.durationMs, max: seg.durationMs },
        cpuMs: seg.cpuMs,
      };
    });
  }
}

function collectLeaves(
  node: unknown,
  prefix: string,
  out: Record<string, string>,
  label: string,
): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    if (prefix) out[prefix] = label;
    return;
  }
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    collectLeaves(v, prefix ? `${prefix}.${k}` : k, out, label);
  }
}

/** Maps block paths to param paths (`lmi.launchDelay.min` -> `lmi.launchDelayMs`, routes by route). */
function normalizeSources(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, label] of Object.entries(raw)) {
    const parts = path.split('.');
    if (parts[0] === 'routes' || parts[0] === 'durable') {
      out[`${parts[0]}.${parts[1]}`] = label;
      continue;
    }
    const head = parts.slice(0, 2).join('.');
    const renamed: Record<string, string> = {
      'onDemand.coldStart': 'onDemand.coldStartMs',
      'onDemand.idleTimeout': 'onDemand.idleTimeoutMs',
      'lmi.evaluationInterval': 'lmi.evaluationIntervalMs',
      'lmi.launchDelay': 'lmi.launchDelayMs',
      'lmi.scaleInCooldown': 'lmi.scaleInCooldownMs',
      'lmi.cpuThrottleWindow': 'lmi.cpuThrottleWindowMs',
    };
    const key =
      parts.length === 1
        ? parts[0]
        : (renamed[head] ?? (parts[1] === 'reservedConcurrency' ? head : head));
    out[key] = label;
  }
  return out;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .reduce<string>(
      (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`),
      '',
    )
    .slice(1);
}
