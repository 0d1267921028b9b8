/**
 * ModelParams: every constant of the scaling model, with its default and the source of that
 * default (an AWS documentation URL, or "assumed" where AWS publishes no number). Times are in
 * milliseconds, utilizations are fractions 0..1. parseModelParams builds one from a profile's
 * `model:` block and command-line overrides; nothing else should construct it by hand except tests.
 */

/** A closed range of values; samples are drawn uniformly from it (assumed distribution). */
export interface Range {
  min: number;
  max: number;
}

/** What one route of the notes API costs: service time, CPU time and the function serving it. */
export interface RouteParams {
  /** Lambda function that serves the route. */
  functionName: string;
  /** Service time (the reply goes out this long after admission, plus any cold start). */
  serviceMs: Range;
  /** CPU time consumed per request, spread evenly over the service time (LMI utilization). */
  cpuMs: number;
}

/** On-demand Lambda constants. */
export interface OnDemandParams {
  accountConcurrency: number;
  /** New execution environments per 10 s per function (continuous refill, no accumulation). */
  newEnvironmentsPer10s: number;
  /**
   * Requests per second allowed per unit of concurrency limit, per function (its reserved
   * concurrency, else the unreserved account pool) and per account: AWS's 10 x concurrency.
   */
  requestsPerSecPerConcurrency: number;
  coldStartMs: Range;
  idleTimeoutMs: Range;
  /** Function name -> reserved concurrency (guarantees and caps). */
  reservedConcurrency: Record<string, number>;
  functionMemoryMb: number;
}

/** Per-function environment limits (`PutFunctionScalingConfig`); unset fields use the lmi defaults. */
export interface FunctionScalingParams {
  minExecutionEnvironments?: number;
  maxExecutionEnvironments?: number;
}

/**
 * Lambda Managed Instances constants: one capacity provider whose instances host every function's
 * own execution environments.
 */
export interface LmiParams {
  capacityProvider: string;
  instanceType: string;
  initialInstances: number;
  minInstances: number;
  maxInstances: number;
  maxVCpuCount: number;
  functionMemoryGiB: number;
  memoryGiBPerVCpu: number;
  /** Fewest execution environments of each function version (AWS default 3, AZ resiliency). */
  minExecutionEnvironments: number;
  /** Most execution environments of each function version (AWS sets none; API maximum 15,000). */
  maxExecutionEnvironments: number;
  /** Function name -> its own min/max environments, overriding the two above. */
  functions: Record<string, FunctionScalingParams>;
  /**
   * Concurrent requests per vCPU of an execution environment; an environment of v vCPUs serves up
   * to v x this at once (AWS's PerExecutionEnvironmentMaxConcurrency, 1-1,600 per environment).
   */
  perVCpuMaxConcurrency: number;
  targetCpu: number;
  /**
   * Width of the scaler's band below targetCpu, as a fraction of it: it scales out above the
   * target, in below target x (1 - this), and holds in between.
   */
  scalingTolerance: number;
  /** How often the scaler decides, each time from the window since the last decision. */
  evaluationIntervalMs: number;
  launchDelayMs: Range;
  scaleInCooldownMs: number;
  /** CPU utilization above which the agent rejects new invokes to protect in-flight ones. */
  cpuThrottleAt: number;
  /** Time constant of the CPU utilization the agent compares with cpuThrottleAt. */
  cpuThrottleWindowMs: number;
}

/** The whole model. */
export interface ModelParams {
  platform: 'on-demand' | 'lmi';
  /**
   * CPU architecture of the functions (on-demand) and of the capacity provider's instances (LMI);
   * AWS's default is x86_64 for both. The cost analysis prices by it; `lmi.instanceType` must be
   * of this architecture.
   */
  architecture: 'x86_64' | 'arm64';
  /** Multiplies AWS's delays (cold start, idle timeout, launch delay, scaler intervals). */
  timeScale: number;
  /** Fraction of admitted invocations that fail with a 500 (function errors). */
  errorRate: number;
  onDemand: OnDemandParams;
  lmi: LmiParams;
  routes: Record<string, RouteParams>;
  /**
   * Modelled durable functions by function name (`model.durable`); absent when none. Each
   * segment of a workflow is also a route of `routes` (`durable:<fn>#<i>`, see durable-workflow.ts).
   */
  durable?: Record<string, DurableWorkflowParams>;
}

import { DEFAULT_INSTANCE_TYPE } from './instance-types.js';
import type { DurableWorkflowParams } from './durable-workflow.js';

const ASSUMED = 'assumed';
const SCALING_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html';
const CONCURRENCY_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html';
const LMI_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html';
const LMI_SCALING_DOC =
  'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html';
const LMI_CP_DOC =
  'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html';
const LMI_NODE_DOC =
  'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html';
const LMI_METRICS_DOC =
  'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-monitoring-metrics.html';
const CPU_TARGET_SRC =
  'assumed (AWS publishes none; aws-samples/sample-aws-lambda-managed-instances pricing calculator uses 40%)';
const ARCH_DOC = 'https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html';
const DESIGN_ROUTES = 'assumed (DESIGN.md default routes)';

function route(functionName: string, minMs: number, maxMs: number, cpuMs: number): RouteParams {
  return { functionName, serviceMs: { min: minMs, max: maxMs }, cpuMs };
}

/** defaultModelParams returns a fresh copy of the defaults (callers may mutate it). */
export function defaultModelParams(): ModelParams {
  return {
    platform: 'on-demand',
    architecture: 'x86_64',
    timeScale: 1,
    errorRate: 0,
    onDemand: {
      accountConcurrency: 1000,
      newEnvironmentsPer10s: 1000,
      requestsPerSecPerConcurrency: 10,
      coldStartMs: { min: 200, max: 400 },
      idleTimeoutMs: { min: 5 * 60_000, max: 15 * 60_000 },
      reservedConcurrency: {},
      functionMemoryMb: 1024,
    },
    lmi: {
      capacityProvider: 'notes-lmi',
      instanceType: DEFAULT_INSTANCE_TYPE.x86_64,
      initialInstances: 3,
      minInstances: 3,
      maxInstances: 100,
      maxVCpuCount: 400,
      functionMemoryGiB: 4,
      memoryGiBPerVCpu: 4,
      minExecutionEnvironments: 3,
      maxExecutionEnvironments: 15_000,
      functions: {},
      perVCpuMaxConcurrency: 64,
      targetCpu: 0.4,
      scalingTolerance: 0.1,
      evaluationIntervalMs: 5 * 60_000,
      launchDelayMs: { min: 60_000, max: 90_000 },
      scaleInCooldownMs: 5 * 60_000,
      cpuThrottleAt: 0.9,
      cpuThrottleWindowMs: 1000,
    },
    routes: {
      create: route('notes-create', 20, 40, 5),
      read: route('notes-read', 20, 40, 5),
      update: route('notes-update', 20, 40, 5),
      delete: route('notes-delete', 20, 40, 5),
      list: route('notes-list', 20, 40, 5),
      encrypt: route('notes-crypto', 50, 70, 40),
      decrypt: route('notes-crypto', 50, 70, 40),
      sentiment: route('notes-sentiment', 100, 140, 80),
      summarize: route('notes-summarize', 2000, 4000, 20),
    },
  };
}

/**
 * Source of each default, by dotted path (route rows by prefix `routes`). A parameter the user set
 * is reported with the profile or "command line" as its source instead.
 */
export const defaultSources: Readonly<Record<string, string>> = {
  platform: 'assumed (DESIGN.md: the default platform is on-demand)',
  architecture: `x86_64 is AWS's default for functions (${ARCH_DOC}) and capacity providers (${LMI_CP_DOC})`,
  timeScale: 'assumed (1 = AWS real delays)',
  errorRate: ASSUMED,
  'onDemand.accountConcurrency': CONCURRENCY_DOC,
  'onDemand.newEnvironmentsPer10s': SCALING_DOC,
  'onDemand.requestsPerSecPerConcurrency': SCALING_DOC,
  'onDemand.coldStartMs': ASSUMED,
  'onDemand.idleTimeoutMs': ASSUMED,
  'onDemand.reservedConcurrency':
    'https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html',
  'onDemand.functionMemoryMb': ASSUMED,
  'lmi.capacityProvider': ASSUMED,
  'lmi.instanceType':
    'assumed (a general-purpose 4 vCPU / 16 GiB type of the architecture: m7i.xlarge for x86_64, m7g.xlarge for arm64)',
  'lmi.initialInstances': LMI_DOC,
  'lmi.minInstances': `assumed (AWS launches 3 for AZ resiliency: ${LMI_DOC})`,
  'lmi.maxInstances': 'assumed (bounded by maxVCpuCount)',
  'lmi.maxVCpuCount': LMI_CP_DOC,
  'lmi.functionMemoryGiB':
    'assumed (DESIGN.md LMI default; minimum 2 GB per ' + LMI_SCALING_DOC + ')',
  'lmi.memoryGiBPerVCpu': 'assumed (DESIGN.md LMI default; API range 2-8)',
  'lmi.minExecutionEnvironments': `AWS keeps 3 execution environments per function version for AZ resiliency (MinExecutionEnvironments default 3): ${LMI_SCALING_DOC}`,
  'lmi.maxExecutionEnvironments': `AWS sets no default maximum; 15,000 is the API's maximum of MaxExecutionEnvironments (${LMI_SCALING_DOC}), so the capacity provider's maxVCpuCount binds first`,
  'lmi.functions': `per-function MinExecutionEnvironments / MaxExecutionEnvironments (PutFunctionScalingConfig): ${LMI_SCALING_DOC}`,
  'lmi.perVCpuMaxConcurrency': `Node.js: 64 concurrent requests per vCPU (${LMI_NODE_DOC})`,
  'lmi.targetCpu': CPU_TARGET_SRC,
  'lmi.scalingTolerance':
    'assumed (scale in only below 90% of the target, so the scaler does not flap between N and N+1; AWS publishes none)',
  'lmi.evaluationIntervalMs': `assumed (5 minutes: AWS states LMI's headroom as "traffic can double within 5 minutes without throttles", ${LMI_SCALING_DOC}, and publishes capacity-provider metrics every 5 minutes, ${LMI_METRICS_DOC})`,
  'lmi.launchDelayMs': 'assumed (DESIGN.md: 60-90 s)',
  'lmi.scaleInCooldownMs': `assumed (scale-in is "conservative": ${LMI_SCALING_DOC})`,
  'lmi.cpuThrottleWindowMs': `assumed (AWS does not say over what time the agent measures "high resource use": ${LMI_SCALING_DOC})`,
  'lmi.cpuThrottleAt': `assumed (agent rejects invokes under high resource use: ${LMI_SCALING_DOC})`,
  routes: DESIGN_ROUTES,
};

/** environmentLimits resolves one function's min/max execution environments. Pure. */
export function environmentLimits(
  params: ModelParams,
  functionName: string,
): { min: number; max: number } {
  const own = params.lmi.functions[functionName] ?? {};
  return {
    min: own.minExecutionEnvironments ?? params.lmi.minExecutionEnvironments,
    max: own.maxExecutionEnvironments ?? params.lmi.maxExecutionEnvironments,
  };
}

/** functionNamesOf lists the distinct functions serving params.routes, in route order. Pure. */
export function functionNamesOf(params: ModelParams): string[] {
  return [...new Set(Object.values(params.routes).map((r) => r.functionName))];
}
