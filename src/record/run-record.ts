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
import { z } from 'zod';

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
  p99: z.number(),
  /** The 99.9th percentile. */
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

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
  /** Arrivals not sent because the in-flight cap (`maxInFlight`) was reached. */
  dropped: count,
  /** Status code (e.g. "200", "429") -> count. */
  byStatus: counts,
  /** Transport error code (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EMFILE, ...) -> count. */
  byError: counts,
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
  byStatus: counts,
  byError: counts,
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

/** What this run's work costs under one scenario (src/analysis/analyze-cost.ts). */
export const costScenarioSchema = z.object({
  /** `lambda on-demand`, `lmi`, `fixed fleet for peak at 40%`, `fleet <type> x <count>`. */
  name: z.string(),
  /** USD for this run: the sum of `breakdown`. */
  totalUsd: z.number(),
  /** USD per million billed requests; null when nothing was billed. */
  perMillionUsd: z.number().nullable(),
  /** totalUsd extrapolated to a 30-day month (30 × 86,400 s) at this run's rate; 0 for no duration. */
  monthlyUsd: z.number(),
  /** CPU work / capacity paid for, 0..1 (may exceed 1 only for a fleet too small); null: unknown or pay-per-use. */
  utilization: z.number().nullable(),
  /** USD by component (`requestsUsd`, `durationUsd`, `ec2Usd`, `managementFeeUsd`). */
  breakdown: z.record(z.string(), z.number()),
  /** Observed or estimated, and from which inputs. */
  note: z.string().optional(),
});
export type CostScenario = z.infer<typeof costScenarioSchema>;

export const costSchema = z.object({
  /** The price table used: `date` YYYY-MM-DD, where it came from, its AWS region. */
  prices: z.object({ date: z.string(), source: z.string(), region: z.string().optional() }),
  /**
   * The quantities priced, each in its named unit: durationSec, requests, gbSeconds, vcpuSeconds,
   * peakVcpus (vCPUs), savingsPlanDiscount and targetUtilization (fractions 0..1).
   */
  work: z.record(z.string(), z.number()).optional(),
  scenarios: z.array(costScenarioSchema),
  /** This run's compute work (instances and LMI fee) priced at utilization 0.1, 0.2, ... 1, in USD. */
  curve: z.array(z.object({ utilization: z.number(), costUsd: z.number() })),
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
    /** `--time-scale` (multiplies every duration; 1 = as written), > 0. */
    timeScale: z.number(),
    /** `--rate-scale` (multiplies every rate; 1 = as written), >= 0. */
    rateScale: z.number(),
    /** `--allow-unknown` was given: unknown gate verdicts do not fail the run. */
    allowUnknown: z.boolean().optional(),
  }),
  totals: totalsSchema,
  latencyMs: z.object({
    overall: latencySummarySchema.nullable(),
    /** Request name (profile `requests[].name`) -> its latency; null when none completed. */
    byRequest: z.record(z.string(), latencySummarySchema.nullable()),
    /** hdr-histogram-js compressed base64 of the merged histogram (µs resolution). */
    encodedHistogram: z.string().nullable(),
  }),
  /** Generator lateness (actual minus planned send time) of every sent request; all 0 in simulate. */
  latenessMs: latencySummarySchema.nullable(),
  /** Request name -> its counts. */
  byRequest: z.record(z.string(), totalsSchema),
  /** One entry a phase, in schedule order. */
  phases: z.array(phaseStatsSchema),
  timeline: z.array(timelineEntrySchema),
  platform: z.object({
    series: z.array(platformSeriesSchema),
    /** Model parameters with the source of each default (model runs only). */
    model: z.record(z.string(), z.unknown()).optional(),
    warnings: z.array(z.string()).optional(),
    /** Per minute: client counts beside Lambda's (src/collector/reconcile.ts); aws runs only. */
    reconciliation: z.array(reconciliationRowSchema).optional(),
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
