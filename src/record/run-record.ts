/**
 * The run record (`run.json`): the contract between `run`, `simulate`, `collect`, `report`,
 * `compare` and CI scripts. This zod schema is the single source of truth: the TypeScript types
 * are inferred from it and `schemas/run-record.schema.json` is generated from it (kept in sync by
 * a test).
 *
 * Units, stated once here for every field below (a field's own comment says more only where it
 * differs or needs saying):
 *  - Rates, shares and utilizations are fractions 0..1 (a gate's `%` divides by 100).
 *  - Durations and latencies are milliseconds (`...Ms`), floating point, never rounded to whole ms.
 *  - Two kinds of instants: *epoch ms* (ms since 1970-01-01 UTC: platform series points,
 *    reconciliation minutes) and *run ms* (ms since the run's start instant, `startedAt`, which is
 *    the schedule's t = 0: phase starts). Timeline seconds count whole seconds since that instant.
 *  - `startedAt`/`endedAt` are ISO-8601 UTC strings with milliseconds.
 *  - Money is US dollars (`...Usd`); counts are non-negative integers; bytes are body bytes.
 */
import * as z from 'zod';

/** Bumped on any incompatible change; readers refuse other versions (exit 2). */
export const RUN_RECORD_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);

/**
 * Percentiles of one latency distribution, in milliseconds (>= 0; latency counts from the planned
 * send time, so it includes generator lateness); the whole summary is null where nothing was
 * recorded. Real runs summarize HDR histograms (3 significant digits); simulate's timeline entries
 * use exact nearest-rank percentiles.
 */
export const latencySummarySchema = z.object({
  /** Number of latencies in the distribution (completed requests, transport errors included). */
  count,
  p50: z.number(),
  p90: z.number(),
  /** Always written since p95 was added; absent in records written before. */
  p95: z.number().optional(),
  p99: z.number(),
  /** The 99.9th percentile. */
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

/**
 * Why the generator dropped arrivals (never sent them): `inFlight`, the in-flight cap
 * (maxInFlight) was reached; `late`, the generator could not send them within maxLateness of
 * their planned time. The two add up to `dropped`. Absent in records written before it existed.
 */
export const droppedBySchema = z.object({ inFlight: count, late: count });

/**
 * Request counts by outcome (DESIGN.md "Counting"): ok = 2xx+3xx, throttled = 429, errors = 5xx +
 * transport errors; other 4xx are counted in `byStatus` only. Always planned = sent + dropped and
 * completed <= sent (completed < sent only when a run ended with requests still in flight).
 */
export const totalsSchema = z.object({
  /** Arrivals planned by the schedule (sent + dropped). */
  planned: count,
  /** Requests handed to the transport. */
  sent: count,
  /** Sent requests that got a status or failed with a transport error (timeouts included). */
  completed: count,
  ok: count,
  throttled: count,
  errors: count,
  /** Arrivals not sent: the in-flight cap (`maxInFlight`) was reached, or later than maxLateness. */
  dropped: count,
  droppedBy: droppedBySchema.optional(),
  /** Status code (e.g. "200", "429") -> count. */
  byStatus: counts,
  /** Transport error code (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EMFILE, ...) -> count. */
  byError: counts,
  /**
   * Requests sent and still in flight when the drain grace ended (after the schedule or a
   * Ctrl-C): abandoned by the generator, so neither `completed` nor `errors`, and without a
   * latency. Once a run has ended, sent = completed + aborted. Absent in older records.
   */
  aborted: count.optional(),
  /** Response body bytes received. */
  bytesReceived: count,
  /** Request body bytes sent. */
  bytesSent: count,
});
export type Totals = z.infer<typeof totalsSchema>;

/**
 * One second of the run: the requests *planned* in [second, second + 1) s after the run's start
 * instant, whenever their replies came (DESIGN.md "Counting"). One entry a second from 0, in order,
 * without gaps, up to the schedule's last second (or the last planned one after a stop).
 */
export const timelineEntrySchema = z.object({
  /** Whole seconds since the run's start instant (`startedAt`): 0, 1, 2, ... */
  second: count,
  planned: count,
  sent: count,
  completed: count,
  ok: count,
  throttled: count,
  errors: count,
  dropped: count,
  droppedBy: droppedBySchema.optional(),
  byStatus: counts,
  byError: counts,
  /** As in totals: sent in this second, abandoned when the drain grace ended. */
  aborted: count.optional(),
  /** Latency of this second's completed requests; null when none completed. */
  latencyMs: latencySummarySchema.nullable(),
  /**
   * p99 of the generator's lateness (actual minus planned send time, ms >= 0) of the requests sent
   * in this second; null when none was sent; 0 in simulate (virtual time is never late).
   */
  latenessP99Ms: z.number().nullable(),
  /** Requests in flight at the end of this second (all workers). Not written today. */
  inFlight: count.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A platform time series; same naming whatever the source (AWS or the model). */
export const platformSeriesSchema = z.object({
  /** e.g. `lambda.concurrent_executions`, `lmi.instances`, `lmi.cpu_utilization`. */
  name: z.string(),
  /** e.g. `{ function: "notes-get" }`, `{ capacityProvider: "notes-lmi" }`; may be empty. */
  labels: z.record(z.string(), z.string()),
  /** `aws` (CloudWatch, EC2) or `model` (the scaling model: embedded target or simulate). */
  source: z.enum(['aws', 'model']),
  /** Period of one datapoint in seconds, > 0 (a 1 s spike inside a 60 s datapoint shows as such). */
  periodSec: z.number().positive(),
  /** CloudWatch statistic of each datapoint over its period: `Sum`, `Maximum`, `Average`, `p99`, ... */
  stat: z.string(),
  /** Unit of the values, CloudWatch style: `Count`, `Milliseconds`, `Seconds`, `Fraction` (0..1). */
  unit: z.string(),
  /** `[epochMs, value]` pairs in time order; epochMs is the start of the datapoint's period. */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type PlatformSeries = z.infer<typeof platformSeriesSchema>;

/**
 * One UTC minute of client-side counts (from the timeline) beside Lambda's CloudWatch counts summed
 * over the run's functions (null: no such series was collected).
 */
export const reconciliationRowSchema = z.object({
  /** Epoch ms of the minute's start, aligned to the UTC minute like CloudWatch's 60 s periods. */
  minuteStartMs: z.number(),
  sent: count,
  ok2xx: count,
  throttled429: count,
  server5xx: count,
  /** The busiest second's sends in this minute (requests in one timeline second). */
  peakSentPerSec: count,
  lambdaInvocations: z.number().nullable(),
  lambdaThrottles: z.number().nullable(),
  lambdaErrors: z.number().nullable(),
  /** Why the two sides cannot agree by construction here (a spike shorter than the period, ...). */
  notes: z.array(z.string()),
});
export type ReconciliationRowRecord = z.infer<typeof reconciliationRowSchema>;

/** One Lambda function's configuration as discovered: what its cost is priced with. */
export const functionConfigSchema = z.object({
  name: z.string(),
  memoryMb: z.number().positive().optional(),
  architecture: z.enum(['x86_64', 'arm64']).optional(),
  /** Set when the function runs on Lambda Managed Instances. */
  capacityProviderArn: z.string().optional(),
});
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/**
 * One gate's verdict. `observed` and `threshold` are in the metric's base unit
 * (src/profile/gate-expression.ts GATE_METRIC_UNITS): a fraction 0..1 for rates and
 * utilizations, ms for latencies and lateness, a count, or requests per second for `http.rps`.
 */
export const gateResultSchema = z.object({
  /** The gate as written (profile first, then each `--gate`, in declaration order). */
  expr: z.string(),
  verdict: z.enum(['pass', 'fail', 'unknown']),
  /** The metric's value on this run; null when it was not collected (verdict `unknown`). */
  observed: z.number().nullable(),
  /** The number in `expr` converted to the base unit: `1%` is 0.01, `2s` is 2000 (ms). */
  threshold: z.number(),
  /** Why the verdict is unknown, or other context. */
  note: z.string().optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

/** Whether a cost figure was observed on its platform in this run, estimated, or a ceiling. */
export const costBasisSchema = z.enum(['observed', 'estimated', 'upper bound']);
export type CostBasis = z.infer<typeof costBasisSchema>;

/** What a scenario's compute figure was computed from, shown beside it in every report. */
export const costInputsSchema = z.object({
  /** Where the CPU time came from (model routes, Lambda Insights, --cpu-fraction, upper bound). */
  cpuTime: z.string(),
  /** Function memory priced (one value, or per function). */
  memory: z.string(),
  /** Architecture priced (x86_64, arm64, or per function; the instance family for EC2). */
  architecture: z.string(),
  /** Utilization target an estimate was sized at; null when nothing was sized. */
  utilizationTarget: z.number().nullable(),
});
export type CostInputs = z.infer<typeof costInputsSchema>;

/** What this run's work costs under one scenario (src/analysis/analyze-cost.ts). */
export const costScenarioSchema = z.object({
  /** `lambda on-demand`, `lmi`, `fixed fleet for peak at 40%`, `fleet <type> x <count>`. */
  name: z.string(),
  /** Compute plus requests plus the front door (when one is named). */
  totalUsd: z.number(),
  /** USD per million billed requests; null when nothing was billed. */
  perMillionUsd: z.number().nullable(),
  /** totalUsd × 30 days / run duration (free tier applied when asked); see monthlyBasis. */
  monthlyUsd: z.number(),
  /** `projected` for runs of an hour or more, else `if this traffic ran all month`. */
  monthlyBasis: z.enum(['projected', 'if this traffic ran all month']).optional(),
  /** Compute only: GB-s, or instances plus the LMI fee, or provisioned concurrency. */
  computeUsd: z.number().optional(),
  basis: costBasisSchema.optional(),
  inputs: costInputsSchema.optional(),
  /** CPU work / capacity paid for, 0..1 (may exceed 1 only for a fleet too small); null: unknown or pay-per-use. */
  utilization: z.number().nullable(),
  /** USD by component (`requestsUsd`, `durationUsd`, `ec2Usd`, `managementFeeUsd`). */
  breakdown: z.record(z.string(), z.number()),
  /** Observed or estimated, and from which inputs. */
  note: z.string().optional(),
});
export type CostScenario = z.infer<typeof costScenarioSchema>;

/** The options a cost analysis ran with, kept so `collect` can recompute it the same way. */
export const costOptionsSchema = z.object({
  fleets: z.array(z.object({ instanceType: z.string(), count: z.number().int().positive() })),
  savingsPlanEc2: z.number(),
  savingsPlanLambda: z.number(),
  targetUtilization: z.number(),
  cpuFraction: z.number().nullable(),
  frontDoor: z.enum(['none', 'http-api', 'rest-api', 'function-url', 'alb']),
  freeTier: z.boolean(),
});
export type CostOptionsRecord = z.infer<typeof costOptionsSchema>;

export const costCurvePointSchema = z.object({
  utilization: z.number(),
  /** A fleet's compute (instances only, Savings Plan applied) for this run's CPU work at u. */
  costUsd: z.number(),
  /** LMI's compute (instances plus the undiscounted 15% fee) at u. */
  lmiUsd: z.number().optional(),
});

export const costSchema = z.object({
  /** The price table used: `date` YYYY-MM-DD, where it came from, its AWS region. */
  prices: z.object({ date: z.string(), source: z.string(), region: z.string().optional() }),
  /**
   * The quantities priced, each in its named unit: durationSec, requests, gbSeconds, vcpuSeconds,
   * peakVcpus (vCPUs), savingsPlanEc2, savingsPlanLambda and targetUtilization (fractions 0..1).
   */
  work: z.record(z.string(), z.number()).optional(),
  options: costOptionsSchema.optional(),
  /** Architecture(s) priced for Lambda, e.g. `x86_64` or `x86_64 (notes-get), arm64 (...)`. */
  architecture: z.string().optional(),
  /** The free tier sentence every cost table states. */
  freeTier: z.string().optional(),
  /** The front door priced, its dated prices and source URLs. */
  frontDoor: z.string().optional(),
  scenarios: z.array(costScenarioSchema),
  /** Compute only (fleet; LMI with its fee) of this run's CPU work at utilization 0.1 ... 1. */
  curve: z.array(costCurvePointSchema),
  /** On-demand Lambda's compute cost (the curve's reference line), and where a fleet beats it. */
  reference: z
    .object({
      onDemandComputeUsd: z.number(),
      /** Utilization above which a fleet's compute is cheaper; null when never at or below 100%. */
      fleetBreakEvenUtilization: z.number().nullable(),
      lmiBreakEvenUtilization: z.number().nullable(),
    })
    .optional(),
  /** Lines saying how the numbers were obtained (CPU-time source, assumptions, what is left out). */
  notes: z.array(z.string()).optional(),
});
export type Cost = z.infer<typeof costSchema>;

/**
 * One phase's own statistics: the requests whose arrivals the schedule planned in this phase.
 * Phases are those the run followed (after `--time-scale` and `--duration`; a phase cut away
 * entirely is absent).
 */
export const phaseStatsSchema = z.object({
  /** Position among the phases the run followed, from 0. */
  index: count,
  /** `constant`, `ramp`, `pulses`, `wave`, `trace` or `users` (closed model). */
  kind: z.string(),
  /**
   * Run ms (since `startedAt`, the schedule's t = 0) at which the phase starts; the phase covers
   * [startMs, startMs + durationMs) (src/schedule/phase-timeline.ts).
   */
  startMs: z.number(),
  /** Length in ms after --time-scale and --duration, >= 0. */
  durationMs: z.number(),
  totals: totalsSchema,
  latencyMs: latencySummarySchema.nullable(),
});
export type PhaseStats = z.infer<typeof phaseStatsSchema>;

/** Passed and failed outcomes of response checks. */
export const checkCountsSchema = z.object({ passed: count, failed: count });
export type CheckCounts = z.infer<typeof checkCountsSchema>;

/** Response checks (`expect:`) of the run: all together, and per request and check. */
export const checksSchema = z.object({
  passed: count,
  failed: count,
  /** Request name -> its checks' counts, each check by name (e.g. `status 200`). */
  byRequest: z.record(
    z.string(),
    checkCountsSchema.extend({
      checks: z.array(checkCountsSchema.extend({ name: z.string() })),
    }),
  ),
});
export type ChecksRecord = z.infer<typeof checksSchema>;

/** One flow's instances (iterations): how they ended, their durations and their checks. */
export const flowStatsSchema = z.object({
  name: z.string(),
  /** The request names of its steps, in order (`flow.step`; rows of byRequest). */
  steps: z.array(z.string()),
  /** Instances started (arrivals that ran, or user loops). */
  iterations: count,
  /** Instances whose every step was sent and answered. */
  completed: count,
  /** Instances ended early: a step needed a variable no earlier reply gave. */
  abandoned: count,
  /** Instances cut short by the end of the run (Ctrl-C, stop grace). */
  interrupted: count,
  /** Arrivals not started: the in-flight cap (flow instances count) was reached. */
  dropped: count,
  /** Instances with a failed check or a failed request (5xx, transport error). */
  failed: count,
  /** Durations of completed instances: first planned send to last reply, think included. */
  durationMs: latencySummarySchema.nullable(),
  checks: checkCountsSchema,
});
export type FlowStats = z.infer<typeof flowStatsSchema>;
/**
 * Requests by tenant decile (profile `tenants:`): tenants ranked 1..count by popularity, decile 1
 * = ranks 1..count/10 (the most popular 10% of tenant ids), built by src/record/tenant-stats.ts.
 */
export const tenantStatsSchema = z.object({
  count,
  distribution: z.enum(['zipf', 'uniform']),
  /** Zipf exponent (present for zipf). */
  s: z.number().optional(),
  /** Distinct tenants that sent at least one request. */
  distinctSeen: count,
  deciles: z.array(
    z.object({
      /** 1..10. */
      decile: count,
      /** Ranks firstRank..lastRank (inclusive); empty when count < 10 leaves the decile none. */
      firstRank: count,
      lastRank: count,
      totals: totalsSchema,
      latencyMs: latencySummarySchema.nullable(),
    }),
  ),
});
export type TenantStats = z.infer<typeof tenantStatsSchema>;

/**
 * One request's (or all requests') Lambda Invoke outcomes (profile `invoke:` or a `lambda:`
 * target), built by src/record/invoke-stats.ts. Rates are fractions of `sent`.
 */
export const invokeCountsSchema = z.object({
  /** Invokes sent (as totals.sent). */
  sent: count,
  /** 2xx replies without X-Amz-Function-Error. */
  succeeded: count,
  /** 429 TooManyRequestsException replies. */
  throttled: count,
  /** TooManyRequestsException Reason (or message) -> count. */
  throttleReasons: z.record(z.string(), count),
  /** Replies with X-Amz-Function-Error (counted as errors, not ok, in totals). */
  functionErrors: count,
  /** Handled / Unhandled -> count. */
  functionErrorKinds: z.record(z.string(), count),
  /** The error payload's errorType -> count. */
  errorTypes: z.record(z.string(), count),
  throttleRate: z.number().nullable(),
  functionErrorRate: z.number().nullable(),
});
export type InvokeCountsStats = z.infer<typeof invokeCountsSchema>;
export const invokeStatsSchema = z.object({
  totals: invokeCountsSchema,
  byRequest: z.record(z.string(), invokeCountsSchema),
});
export type InvokeStats = z.infer<typeof invokeStatsSchema>;

/**
 * Durable executions (requests with `durable:`), built by src/record/durable-stats.ts. For each
 * request: starts accepted (`started`, a 2xx with an execution ARN) = the sum of `byStatus` +
 * `running` (no longer followed while RUNNING: its poll timeout passed, or the run ended);
 * `startFailed` (no ARN); `polls` (GetDurableExecution calls) and `pollErrors`; the start
 * latency (the Invoke's own latency) and the end-to-end duration of executions that ended
 * (StartTimestamp to EndTimestamp, HDR). With `poll: cloudwatch` nothing is polled: byStatus is
 * empty and running 0 (the platform series have the outcomes; the gates read them there).
 */
export const durableRequestStatsSchema = z.object({
  started: count,
  startFailed: count,
  /** Terminal status (SUCCEEDED, FAILED, TIMED_OUT, STOPPED) -> executions. */
  byStatus: counts,
  running: count,
  polls: count,
  pollErrors: count,
  startLatencyMs: latencySummarySchema.nullable(),
  durationMs: latencySummarySchema.nullable(),
  /** Encoded HDR histogram of durationMs (base64), null when none ended. */
  encodedDuration: z.string().nullable(),
});
export const durableStatsSchema = z.object({
  pollMode: z.enum(['status', 'cloudwatch', 'mixed']),
  /** GetDurableExecution polls per second the run allowed itself, all workers together. */
  pollBudgetPerSec: z.number(),
  byRequest: z.record(z.string(), durableRequestStatsSchema),
  /**
   * `run` on the embedded target: the GetDurableExecution calls the target answered, in all and
   * in its busiest wall-clock second (the account allows 30 a second).
   */
  server: z.object({ polls: count, maxPollsInAnySecond: count }).optional(),
});
export type DurableStats = z.infer<typeof durableStatsSchema>;
export type DurableRequestStats = z.infer<typeof durableRequestStatsSchema>;

export const runRecordSchema = z.object({
  schemaVersion: z.literal(RUN_RECORD_SCHEMA_VERSION),
  runId: z.string(),
  toolVersion: z.string(),
  /** `run` (real traffic) or `simulate` (virtual time through the model). */
  kind: z.enum(['run', 'simulate']),
  /**
   * `incomplete`: never written by a run; `report` and `compare` give it to a record left
   * `running` (killed, crashed, disk full), rebuilt from timeline.ndjson (recover-run-record.ts).
   */
  status: z.enum(['running', 'completed', 'aborted', 'failed', 'incomplete']),
  /** Why the run failed, was aborted, or is incomplete. */
  statusReason: z.string().optional(),
  /** The resolved profile, secrets redacted. */
  profile: z.record(z.string(), z.unknown()),
  target: z.object({
    url: z.string(),
    kind: z.enum(['external', 'embedded', 'simulated']),
    platform: z.enum(['on-demand', 'lmi']).optional(),
  }),
  /**
   * The run's start instant: timeline second 0 and phase time 0 (run: the workers' shared start;
   * simulate: the virtual start, the wall clock rounded down to a whole second).
   */
  startedAt: z.iso.datetime(),
  /** When the last reply came or the drain ended (simulate: virtual); null while running. */
  endedAt: z.iso.datetime().nullable(),
  environment: z.object({
    /** The command line after `flashcrowd`, as given. */
    args: z.array(z.string()),
    /** Seed of arrivals, wave noise, request mix and model (`--seed`, the profile, or chosen). */
    seed: z.number(),
    nodeVersion: z.string(),
    /** Logical cores of the machine (os.availableParallelism()). */
    cores: z.number(),
    /** Generator worker threads (1 for simulate). */
    workers: z.number(),
    /** Generator CPU time / (wall time × cores), 0..1; null for simulate. */
    generatorCpuShare: z.number().nullable(),
    /**
     * run: the HTTP/1.1 client the workers used (`--client`; `undici` with HTTP/2); absent for
     * simulate and for records written before it was kept.
     */
    client: z.enum(['lean', 'undici']).optional(),
    /**
     * run: `--connections`, the fixed pool of connections (all workers together); absent when
     * the pool grew as needed, and for simulate.
     */
    connections: z.number().int().positive().optional(),
    /** run: `--timeout`, the per-request timeout in ms; absent for simulate and older records. */
    timeoutMs: z.number().positive().optional(),
    /** `--time-scale` (multiplies every duration; 1 = as written), > 0. */
    timeScale: z.number(),
    /** `--rate-scale` (multiplies every rate; 1 = as written), >= 0. */
    rateScale: z.number(),
    /** The machine that ran the command (os.hostname()), for JUnit's `hostname`. */
    hostname: z.string().optional(),
    /** `--allow-unknown` was given: unknown gate verdicts do not fail the run. */
    allowUnknown: z.boolean().optional(),
    /** `run --shard I/N` (1-based): this record is one shard's share; `merge` judges the whole. */
    shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
    /** `merge`: the shard runs this record was merged from, in shard order. */
    mergedFrom: z.array(z.string()).optional(),
  }),
  totals: totalsSchema,
  latencyMs: z.object({
    overall: latencySummarySchema.nullable(),
    /** Request name (profile `requests[].name`) -> its latency; null when none completed. */
    byRequest: z.record(z.string(), latencySummarySchema.nullable()),
    /** hdr-histogram-js compressed base64 of the merged histogram (µs resolution). */
    encodedHistogram: z.string().nullable(),
    /** The same per request name (any percentile a gate names, e.g. http.p99.9{request=x}). */
    encodedByRequest: z.record(z.string(), z.string().nullable()).optional(),
  }),
  /** Generator lateness (actual minus planned send time) of every sent request; all 0 in simulate. */
  latenessMs: latencySummarySchema.nullable(),
  /** Request name -> its counts. */
  byRequest: z.record(z.string(), totalsSchema),
  /** One entry a phase, in schedule order. */
  phases: z.array(phaseStatsSchema),
  /** Response checks; absent when no request has `expect:`. */
  checks: checksSchema.optional(),
  /** Per flow; absent when the profile has no flows. */
  flows: z.array(flowStatsSchema).optional(),
  /** By tenant decile; present only when the profile has `tenants:`. */
  tenants: tenantStatsSchema.optional(),
  /** Lambda Invoke outcomes; present only when the profile sends Invokes. */
  invoke: invokeStatsSchema.optional(),
  /** Durable executions; present only when the profile has `durable:` requests. */
  durable: durableStatsSchema.optional(),
  timeline: z.array(timelineEntrySchema),
  platform: z.object({
    series: z.array(platformSeriesSchema),
    /** Model parameters with the source of each default (model runs only). */
    model: z.record(z.string(), z.unknown()).optional(),
    warnings: z.array(z.string()).optional(),
    /** Per minute: client counts beside Lambda's (src/collector/reconcile.ts); aws runs only. */
    reconciliation: z.array(reconciliationRowSchema).optional(),
    /** Lambda functions as the aws collector found them (GetFunctionConfiguration); aws runs only. */
    functions: z.array(functionConfigSchema).optional(),
  }),
  /**
   * Per captured variable, over the 2xx replies of the request that captures it: how many its
   * path matched and how many it missed (`run` only; the gate metric `captures.unfilled` counts
   * the variables never matched). Absent for simulate and records made before it existed.
   */
  captures: z.record(z.string(), z.object({ matched: count, missed: count })).optional(),
  cost: costSchema.nullable(),
  gates: z.array(gateResultSchema),
  warnings: z.array(z.string()),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
