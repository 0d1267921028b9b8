/**
 * costAssumptions: what a cost analysis prices each function with (memory, architecture, CPU time
 * per invocation) and what an LMI what-if is sized with (instance type, CPU target, minimums),
 * taken from, in priority order: the caller's overrides, the functions the aws collector discovered
 * (`platform.functions`), the model parameters in the record (`platform.model`), AWS's defaults.
 * Every value carries the source it came from, so a report can say what it priced. Pure.
 */
import type { RunRecord } from '../record/run-record.js';

export type Architecture = 'x86_64' | 'arm64';

/** Lambda functions are x86_64 unless created with arm64 (`Architectures` defaults to x86_64). */
export const DEFAULT_ARCHITECTURE: Architecture = 'x86_64';
export const ARCHITECTURE_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html';
/** Lambda's default function memory is 128 MB; the model's own default is used when present. */
export const DEFAULT_MEMORY_MB = 1024;
/** AWS keeps 3 execution environments per function version by default (`MinExecutionEnvironments`). */
export const DEFAULT_MIN_ENVIRONMENTS = 3;
export const LMI_SCALING_DOC =
  'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html';
/** Publishing an LMI version launches 3 instances for AZ resiliency. */
export const DEFAULT_MIN_INSTANCES = 3;

/** A value and where it came from. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** How one function is priced. */
export interface FunctionAssumption {
  memoryMb: Sourced<number>;
  architecture: Sourced<Architecture>;
  /** CPU ms per invocation when the record's model states it (its routes' `cpuMs`). */
  cpuMsPerInvocation?: Sourced<number>;
}

/** How an LMI what-if (and a fixed fleet) is sized. */
export interface LmiSizing {
  instanceType: Sourced<string>;
  /** The model's CPU target when the record has one; else the analysis's target is used. */
  targetCpu?: Sourced<number>;
  minInstances: Sourced<number>;
  maxInstances?: number;
  /** Minimum environments per function; null when the model pools environments (no minimum). */
  minEnvironments: Sourced<number> | null;
  /** Per-function overrides of minEnvironments (`lmi.functions[name].minExecutionEnvironments`). */
  minEnvironmentsByFunction: Record<string, number>;
  /** Maximum environments per function (`lmi.maxExecutionEnvironments`), and overrides. */
  maxEnvironments?: number;
  maxEnvironmentsByFunction: Record<string, number>;
  /** Memory of one execution environment (the LMI function memory). */
  functionMemoryGiB: number;
  /** vCPUs one execution environment takes (function memory / memory per vCPU). */
  vcpusPerEnvironment: Sourced<number>;
  /** Seconds over which the scaler averages CPU (the model's evaluation interval, else 60 s). */
  windowSec: number;
}

export interface CostAssumptions {
  /** Used for every function the record does not describe. */
  defaults: FunctionAssumption;
  functions: Record<string, FunctionAssumption>;
  lmi: LmiSizing;
}

/** Overrides a caller (or a test) may give; they win over everything in the record. */
export interface AssumptionOverrides {
  lambdaMemoryMb?: number;
  architecture?: Architecture;
  instanceType?: string;
}

type Model = Record<string, unknown>;

/** A model parameter's value (listed as `{ value, source }` or bare) and its source. */
function param(model: Model, key: string): Sourced<unknown> | undefined {
  const entry = model[key];
  if (entry === undefined) return undefined;
  if (entry && typeof entry === 'object' && 'value' in entry) {
    // The parameter's own source (an AWS URL or "assumed") stays in platform.model.
    return { value: entry.value, source: `model ${key}` };
  }
  return { value: entry, source: `model ${key}` };
}

function numberParam(model: Model, key: string): Sourced<number> | undefined {
  const p = param(model, key);
  return p && typeof p.value === 'number' && p.value > 0 ? { ...p, value: p.value } : undefined;
}

function isArchitecture(v: unknown): v is Architecture {
  return v === 'x86_64' || v === 'arm64';
}

/** costAssumptions reads the record; see the file comment for the order. Pure. */
export function costAssumptions(
  record: RunRecord,
  overrides: AssumptionOverrides = {},
): CostAssumptions {
  const model = record.platform.model ?? {};
  const modelArch = param(model, 'architecture');
  const architecture: Sourced<Architecture> = overrides.architecture
    ? { value: overrides.architecture, source: 'given' }
    : modelArch && isArchitecture(modelArch.value)
      ? { value: modelArch.value, source: modelArch.source }
      : { value: DEFAULT_ARCHITECTURE, source: `AWS default (${ARCHITECTURE_DOC})` };
  const memoryMb: Sourced<number> = overrides.lambdaMemoryMb
    ? { value: overrides.lambdaMemoryMb, source: 'given' }
    : (numberParam(model, 'onDemand.functionMemoryMb') ?? {
        value: DEFAULT_MEMORY_MB,
        source: 'assumed (no function memory in the record)',
      });
  const defaults: FunctionAssumption = { memoryMb, architecture };
  const functions: Record<string, FunctionAssumption> = {};
  for (const [name, cpu] of Object.entries(routeCpuByFunction(model)))
    functions[name] = { memoryMb, architecture, cpuMsPerInvocation: cpu };
  for (const fn of record.platform.functions ?? []) {
    const found = 'discovered (GetFunctionConfiguration)';
    functions[fn.name] = {
      ...functions[fn.name],
      memoryMb:
        fn.memoryMb && !overrides.lambdaMemoryMb ? { value: fn.memoryMb, source: found } : memoryMb,
      architecture:
        fn.architecture && !overrides.architecture
          ? { value: fn.architecture, source: found }
          : architecture,
    };
  }
  // The LMI what-if and the fleet take the functions' discovered architecture when they all share
  // one and neither the flags nor the model named one (a capacity provider has one architecture).
  const discovered = new Set((record.platform.functions ?? []).map((f) => f.architecture));
  const shared = discovered.size === 1 ? [...discovered][0] : undefined;
  const lmiArchitecture =
    architecture.source.startsWith('AWS default') && shared && isArchitecture(shared)
      ? shared
      : architecture.value;
  return { defaults, functions, lmi: lmiSizing(model, overrides, lmiArchitecture) };
}

/**
 * CPU ms per invocation of each function from the model's routes (`routes.<name>` entries of
 * `{ functionName, cpuMs }`); a function serving routes of different CPU costs gets their mean.
 */
function routeCpuByFunction(model: Model): Record<string, Sourced<number>> {
  const byFn = new Map<string, number[]>();
  for (const [key, entry] of Object.entries(model)) {
    if (!key.startsWith('routes.')) continue;
    const route = (entry as { value?: { functionName?: unknown; cpuMs?: unknown } }).value;
    if (!route || typeof route.functionName !== 'string' || typeof route.cpuMs !== 'number')
      continue;
    byFn.set(route.functionName, [...(byFn.get(route.functionName) ?? []), route.cpuMs]);
  }
  const out: Record<string, Sourced<number>> = {};
  for (const [fn, ms] of byFn) {
    const same = ms.every((m) => m === ms[0]);
    const value = ms.reduce((a, b) => a + b, 0) / ms.length;
    out[fn] = {
      value,
      source: same ? "the model's routes (cpuMs)" : "mean cpuMs of the model's routes",
    };
  }
  return out;
}

/** A general-purpose 4 vCPU / 16 GiB type of each architecture (the model's defaults too). */
export const DEFAULT_INSTANCE_TYPES: Record<Architecture, string> = {
  x86_64: 'm7i.xlarge',
  arm64: 'm7g.xlarge',
};

function lmiSizing(
  model: Model,
  overrides: AssumptionOverrides,
  architecture: Architecture,
): LmiSizing {
  const hasModel = Object.keys(model).length > 0;
  const type = param(model, 'lmi.instanceType');
  const instanceType: Sourced<string> = overrides.instanceType
    ? { value: overrides.instanceType, source: 'given' }
    : type && typeof type.value === 'string'
      ? { value: type.value, source: type.source }
      : {
          value: DEFAULT_INSTANCE_TYPES[architecture],
          source: `assumed (a 4 vCPU / 16 GiB ${architecture} type)`,
        };
  const memoryGiB = numberParam(model, 'lmi.functionMemoryGiB')?.value ?? 4;
  const perVcpu = numberParam(model, 'lmi.memoryGiBPerVCpu')?.value ?? 4;
  const minEnv = numberParam(model, 'lmi.minExecutionEnvironments');
  const byFunction: Record<string, number> = {};
  const maxByFunction: Record<string, number> = {};
  const fnParams = param(model, 'lmi.functions')?.value;
  if (fnParams && typeof fnParams === 'object') {
    for (const [name, p] of Object.entries(fnParams as Record<string, unknown>)) {
      const f = p as { minExecutionEnvironments?: unknown; maxExecutionEnvironments?: unknown };
      if (typeof f?.minExecutionEnvironments === 'number')
        byFunction[name] = f.minExecutionEnvironments;
      if (typeof f?.maxExecutionEnvironments === 'number')
        maxByFunction[name] = f.maxExecutionEnvironments;
    }
  }
  const maxEnvironments = numberParam(model, 'lmi.maxExecutionEnvironments')?.value;
  const maxInstances = numberParam(model, 'lmi.maxInstances')?.value;
  const evaluationMs = numberParam(model, 'lmi.evaluationIntervalMs')?.value;
  return {
    instanceType,
    targetCpu: numberParam(model, 'lmi.targetCpu'),
    minInstances:
      numberParam(model, 'lmi.minInstances') ??
      (hasModel
        ? { value: 0, source: 'the model keeps no instance minimum' }
        : {
            value: DEFAULT_MIN_INSTANCES,
            source: `AWS launches 3 instances for AZ resiliency (${LMI_SCALING_DOC})`,
          }),
    ...(maxInstances ? { maxInstances } : {}),
    // A model without per-function environments pools them: it has no per-function minimum.
    minEnvironments:
      minEnv ??
      (hasModel
        ? null
        : { value: DEFAULT_MIN_ENVIRONMENTS, source: `AWS default (${LMI_SCALING_DOC})` }),
    minEnvironmentsByFunction: byFunction,
    ...(maxEnvironments ? { maxEnvironments } : {}),
    maxEnvironmentsByFunction: maxByFunction,
    functionMemoryGiB: memoryGiB,
    vcpusPerEnvironment: {
      value: memoryGiB / perVcpu,
      source: `${memoryGiB} GiB per environment at ${perVcpu} GiB per vCPU`,
    },
    windowSec: evaluationMs ? evaluationMs / 1000 : 60,
  };
}

/** The assumption for one function (the defaults when the record does not describe it). */
export function functionAssumption(a: CostAssumptions, name: string): FunctionAssumption {
  return a.functions[name] ?? a.defaults;
}
