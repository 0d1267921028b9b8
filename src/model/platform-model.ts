/**
 * createPlatformModel: the scaling model of the notes API's functions, on on-demand Lambda or LMI,
 * driven by an injected clock. The model never reads a clock itself: every call passes `nowMs`
 * (epoch ms, never decreasing), so the same code runs in real time (the embedded server passes
 * wall-clock time) and in virtual time (simulate passes planned arrival times).
 *
 * An admitted execution ends on its own at `endMs`: the model keeps pending completions in a heap
 * and processes them, its scaler ticks and its per-second bookkeeping in time order whenever it is
 * called, so callers never release anything. Not thread-safe: one owner.
 */
import type { PlatformSeries } from '../record/run-record.js';
import { LmiPlatform } from './lmi-platform.js';
import { MinHeap } from './min-heap.js';
import { functionNamesOf, type ModelParams } from './model-params.js';
import { OnDemandPlatform } from './on-demand-platform.js';
import { uniform, type PlatformBackend, type ThrottleReason } from './platform-backend.js';
import { SeriesBook } from './series-book.js';
import { FunctionMetrics } from './function-metrics.js';
import { modelParameters, type ModelParameter } from './model-parameters.js';
import { TenantEnvironments, type TenantIsolation } from './tenant-environments.js';
import {
  DurableExecutions,
  type DurableExecutionView,
  type DurableStart,
} from './durable-executions.js';

export type { ThrottleReason };

/** An admitted request: its reply goes out `latencyMs` after admission. */
export interface Admitted {
  admitted: true;
  functionName: string;
  /** Handler time (the Duration metric; excludes init). */
  serviceMs: number;
  /** Init time paid before the handler ran (0 when warm, always 0 on LMI). */
  coldStartMs: number;
  /** coldStartMs + serviceMs. */
  latencyMs: number;
  /** Epoch ms at which the execution ends and its environment is free again. */
  endMs: number;
  /** True when the function failed (reply 500; counted in lambda.errors). */
  failed: boolean;
}

/** A throttled request: reply at once with 429 `TooManyRequestsException`. */
export interface Throttled {
  admitted: false;
  functionName: string;
  status: 429;
  reason: ThrottleReason;
}

/** The model, as seen by the notes server, simulate and the target host. */
export interface PlatformModel {
  readonly params: ModelParams;
  /**
   * admit decides one request of `route` (a key of params.routes) arriving at `nowMs`; `tenant`
   * (with PlatformModelOptions.tenants set) selects that tenant's isolated environments.
   */
  admit(route: string, nowMs: number, tenant?: string): Admitted | Throttled;
  /** advance processes completions, scaler ticks and second boundaries up to `nowMs`. */
  advance(nowMs: number): void;
  /** state is a plain-data snapshot (per-function counters, LMI instances and CPU) at `nowMs`. */
  state(nowMs: number): Record<string, unknown>;
  /**
   * series returns every closed second so far as run-record platform series; `includeOpen` adds
   * the second in progress as a partial last point (for a final sweep).
   */
  series(includeOpen?: boolean): PlatformSeries[];
  /** modelParameters lists every parameter with its value and source (run.json `platform.model`). */
  modelParameters(): Record<string, ModelParameter>;
  /**
   * startDurable starts (or, by name, finds) an execution of the modelled durable function `fn`
   * at `nowMs` (see durable-executions.ts); `unknown-function` when params.durable lacks it.
   */
  startDurable(fn: string, name: string, payloadBytes: number, nowMs: number): DurableStart;
  /** durableExecution: the execution with this ARN at `nowMs`, or undefined. */
  durableExecution(arn: string, nowMs: number): DurableExecutionView | undefined;
  /** durableExecutions: executions of `fn` at `nowMs` (ListDurableExecutionsByFunction). */
  durableExecutions(
    fn: string,
    nowMs: number,
    filter?: { name?: string; statuses?: string[] },
  ): DurableExecutionView[] | undefined;
}

/** Options of createPlatformModel. */
export interface PlatformModelOptions {
  /** Epoch ms of the model's start (second 0 of its series). */
  startMs: number;
  /** Uniform random numbers in [0, 1) (seeded for simulate). */
  random: () => number;
  /** Seconds of series kept (bounded memory for long `serve` sessions); default unlimited. */
  retentionSec?: number;
  /** Parameters the user set (from parseModel), for modelParameters' sources. */
  userSources?: Record<string, string>;
  /** Tenant-isolated functions (on-demand only): environments keyed by (function, tenant). */
  tenants?: TenantIsolation;
  /**
   * When true, admit returns one of two objects owned by the model (one Admitted, one Throttled),
   * overwritten by the next admit: for a caller that reads the decision at once and keeps nothing
   * of it (simulate: no allocation per request). Default false: a new object each time.
   */
  reuseDecisions?: boolean;
}

/** What admit reads of a route, found with one lookup. */
interface RouteFunction {
  fn: number;
  functionName: string;
  params: ModelParams['routes'][string];
}

interface Execution {
  endMs: number;
  fn: number;
  cpuRateVcpu: number;
  tenant: string | undefined;
}

/** createPlatformModel builds a model from validated params (see parseModelParams). */
export function createPlatformModel(
  params: ModelParams,
  options: PlatformModelOptions,
): PlatformModel {
  return new Model(params, options);
}

class Model implements PlatformModel {
  private readonly book: SeriesBook;
  private readonly backend: PlatformBackend;
  private readonly functionNames: string[];
  /** Each route's function (index into functionNames), its name and its parameters. */
  private readonly routeOf = new Map<string, RouteFunction>();
  private readonly metrics: FunctionMetrics;
  private readonly pending = new MinHeap<Execution>((e) => e.endMs);
  /** Finished executions, reused for new ones (fewer allocations on simulate's hot path). */
  private readonly spare: Execution[] = [];
  private readonly random: () => number;
  private readonly userSources: Record<string, string>;
  private nowMs: number;
  private nextSecondMs: number;
  private readonly durable: DurableExecutions | undefined;
  /** The decisions admit fills in with options.reuseDecisions; undefined without. */
  private readonly reused: { admitted: Admitted; throttled: Throttled } | undefined;

  constructor(
    readonly params: ModelParams,
    options: PlatformModelOptions,
  ) {
    this.random = options.random;
    this.reused = options.reuseDecisions
      ? {
          admitted: {
            admitted: true,
            functionName: '',
            serviceMs: 0,
            coldStartMs: 0,
            latencyMs: 0,
            endMs: 0,
            failed: false,
          },
          throttled: { admitted: false, functionName: '', status: 429, reason: 'scaling-rate' },
        }
      : undefined;
    this.userSources = options.userSources ?? {};
    this.nowMs = options.startMs;
    this.nextSecondMs = options.startMs + 1000;
    this.book = new SeriesBook(options.startMs, options.retentionSec);
    this.functionNames = functionNamesOf(params);
    for (const [route, r] of Object.entries(params.routes)) {
      const fn = this.functionNames.indexOf(r.functionName);
      this.routeOf.set(route, { fn, functionName: this.functionNames[fn], params: r });
    }
    this.metrics = new FunctionMetrics(this.book, this.functionNames, params.platform === 'lmi');
    this.backend =
      params.platform === 'lmi'
        ? new LmiPlatform(params, this.functionNames, options.startMs, this.random, this.book)
        : new OnDemandPlatform(
            params,
            this.functionNames,
            options.startMs,
            this.random,
            options.tenants && this.tenantEnvironments(options.tenants),
          );
    this.durable =
      params.durable &&
      new DurableExecutions(params.durable, this.book, this.random, (route) =>
        this.admitNow(route),
      );
  }

  private tenantEnvironments(isolation: TenantIsolation): TenantEnvironments {
    const od = this.params.onDemand;
    const limits = this.functionNames.map(
      (n) => od.reservedConcurrency[n] ?? od.accountConcurrency,
    );
    return new TenantEnvironments(isolation, this.functionNames, limits, this.book);
  }

  admit(route: string, nowMs: number, tenant?: string): Admitted | Throttled {
    this.advance(nowMs);
    return this.admitNow(route, tenant);
  }

  /** admitNow is admit at the model's current time (no advance: durable events call it). */
  private admitNow(route: string, tenant?: string): Admitted | Throttled {
    const of = this.routeOf.get(route);
    if (of === undefined) throw new Error(`model: unknown route "${route}"`);
    const { fn, functionName, params: r } = of;
    const serviceMs = uniform(r.serviceMs, this.random);
    const cpuRateVcpu = serviceMs > 0 ? r.cpuMs / serviceMs : 0;
    const started = this.backend.start(fn, cpuRateVcpu, r.cpuMs, this.nowMs, tenant);
    if (typeof started === 'string') {
      this.metrics.throttled(fn, started);
      const t = this.reused?.throttled;
      if (t === undefined) return { admitted: false, functionName, status: 429, reason: started };
      t.functionName = functionName;
      t.reason = started;
      return t;
    }
    const latencyMs = started + serviceMs;
    const endMs = this.nowMs + latencyMs;
    const e = this.spare.pop() ?? ({} as Execution);
    e.endMs = endMs;
    e.fn = fn;
    e.cpuRateVcpu = cpuRateVcpu;
    e.tenant = tenant;
    this.pending.push(e);
    const failed = this.params.errorRate > 0 && this.random() < this.params.errorRate;
    this.metrics.started(fn, serviceMs, started, failed);
    const a = this.reused?.admitted;
    if (a === undefined)
      return {
        admitted: true,
        functionName,
        serviceMs,
        coldStartMs: started,
        latencyMs,
        endMs,
        failed,
      };
    a.functionName = functionName;
    a.serviceMs = serviceMs;
    a.coldStartMs = started;
    a.latencyMs = latencyMs;
    a.endMs = endMs;
    a.failed = failed;
    return a;
  }

  advance(nowMs: number): void {
    const target = Math.max(nowMs, this.nowMs);
    for (;;) {
      const endMs = this.pending.peekKey();
      const tickMs = this.backend.nextEventMs();
      const durableMs = this.durable ? this.durable.nextEventMs() : Number.POSITIVE_INFINITY;
      const next = Math.min(endMs, tickMs, this.nextSecondMs, durableMs);
      if (next > target) break;
      this.nowMs = Math.max(this.nowMs, next);
      if (next === this.nextSecondMs) {
        this.durable?.closeSecond();
        this.backend.closeSecond(next);
        this.metrics.closeSecond();
        this.book.closeSecond();
        this.nextSecondMs += 1000;
      } else if (next === endMs) {
        const e = this.pending.pop() as Execution;
        this.backend.finish(e.fn, e.cpuRateVcpu, this.nowMs, e.tenant);
        this.metrics.finished(e.fn);
        this.spare.push(e);
      } else if (next === tickMs) this.backend.runEvent(this.nowMs);
      else this.durable?.runEvent(this.nowMs);
    }
    this.nowMs = target;
  }

  startDurable(fn: string, name: string, payloadBytes: number, nowMs: number): DurableStart {
    this.advance(nowMs);
    if (!this.durable) return { kind: 'unknown-function' };
    const started = this.durable.start(fn, name, payloadBytes, this.nowMs);
    this.advance(nowMs); // segment 0 runs at once
    return started.kind === 'unknown-function'
      ? started
      : {
          kind: started.kind,
          execution: this.durable.get(started.execution.arn) ?? started.execution,
        };
  }

  durableExecution(arn: string, nowMs: number): DurableExecutionView | undefined {
    this.advance(nowMs);
    return this.durable?.get(arn);
  }

  durableExecutions(
    fn: string,
    nowMs: number,
    filter?: { name?: string; statuses?: string[] },
  ): DurableExecutionView[] | undefined {
    this.advance(nowMs);
    if (!this.durable || !this.durable.functionNames.includes(fn)) return undefined;
    return this.durable.list(fn, filter);
  }

  state(nowMs: number): Record<string, unknown> {
    this.advance(nowMs);
    return {
      atMs: this.nowMs,
      at: new Date(this.nowMs).toISOString(),
      platform: this.params.platform,
      functions: this.metrics.state(),
      [this.params.platform === 'lmi' ? 'lmi' : 'onDemand']: this.backend.state(this.nowMs),
    };
  }

  modelParameters(): Record<string, ModelParameter> {
    return modelParameters(this.params, this.userSources);
  }

  series(includeOpen = false): PlatformSeries[] {
    // The book leaves out series without points (without building them).
    return this.book.series(includeOpen).filter((s) => this.metrics.isUsed(s.labels.function));
  }
}
