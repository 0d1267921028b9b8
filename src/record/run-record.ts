/**
 * The run record (`run.json`): the contract between `run`, `simulate`, `collect`, `report`,
 * `compare` and CI scripts. This zod schema is the single source of truth: the TypeScript types
 * are inferred from it and `schemas/run-record.schema.json` is generated from it (kept in sync by
 * a test). Rates and utilizations are fractions 0..1; times are ms unless named otherwise.
 */
import { z } from 'zod';

/** Bumped on any incompatible change; readers refuse other versions (exit 2). */
export const RUN_RECORD_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);

/** Percentiles of one latency distribution, in milliseconds; null when nothing was recorded. */
export const latencySummarySchema = z.object({
  count,
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

/** Request counts by outcome. ok = 2xx+3xx, throttled = 429, errors = 5xx + transport errors. */
export const totalsSchema = z.object({
  /** Arrivals planned by the schedule (sent + dropped). */
  planned: count,
  sent: count,
  completed: count,
  ok: count,
  throttled: count,
  errors: count,
  dropped: count,
  /** Status code (e.g. "200", "429") -> count. */
  byStatus: counts,
  /** Transport error code (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EMFILE, ...) -> count. */
  byError: counts,
  bytesReceived: count,
  bytesSent: count,
});
export type Totals = z.infer<typeof totalsSchema>;

/** One second of the run, bucketed by planned send second. */
export const timelineEntrySchema = z.object({
  /** Seconds since the run's start instant. */
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
  latencyMs: latencySummarySchema.nullable(),
  latenessP99Ms: z.number().nullable(),
  /** Requests in flight at the end of this second (all workers). */
  inFlight: count.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A platform time series; same naming whatever the source (AWS or the model). */
export const platformSeriesSchema = z.object({
  /** e.g. `lambda.concurrent_executions`, `lmi.instances`, `lmi.cpu_utilization`. */
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  source: z.enum(['aws', 'model']),
  /** Period of one datapoint in seconds (a 1 s spike inside a 60 s datapoint shows as such). */
  periodSec: z.number().positive(),
  stat: z.string(),
  unit: z.string(),
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type PlatformSeries = z.infer<typeof platformSeriesSchema>;

/** One minute of client-side counts beside Lambda's CloudWatch counts (null: no series). */
export const reconciliationRowSchema = z.object({
  minuteStartMs: z.number(),
  sent: count,
  ok2xx: count,
  throttled429: count,
  server5xx: count,
  peakSentPerSec: count,
  lambdaInvocations: z.number().nullable(),
  lambdaThrottles: z.number().nullable(),
  lambdaErrors: z.number().nullable(),
  notes: z.array(z.string()),
});
export type ReconciliationRowRecord = z.infer<typeof reconciliationRowSchema>;

export const gateResultSchema = z.object({
  expr: z.string(),
  verdict: z.enum(['pass', 'fail', 'unknown']),
  observed: z.number().nullable(),
  threshold: z.number(),
  /** Why the verdict is unknown, or other context. */
  note: z.string().optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export const costScenarioSchema = z.object({
  name: z.string(),
  totalUsd: z.number(),
  perMillionUsd: z.number().nullable(),
  monthlyUsd: z.number(),
  utilization: z.number().nullable(),
  breakdown: z.record(z.string(), z.number()),
  note: z.string().optional(),
});
export type CostScenario = z.infer<typeof costScenarioSchema>;

export const costSchema = z.object({
  prices: z.object({ date: z.string(), source: z.string(), region: z.string().optional() }),
  work: z.record(z.string(), z.number()).optional(),
  scenarios: z.array(costScenarioSchema),
  curve: z.array(z.object({ utilization: z.number(), costUsd: z.number() })),
});
export type Cost = z.infer<typeof costSchema>;

export const phaseStatsSchema = z.object({
  index: count,
  kind: z.string(),
  startMs: z.number(),
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
  status: z.enum(['running', 'completed', 'aborted', 'failed']),
  /** Why the run failed or was aborted. */
  statusReason: z.string().optional(),
  /** The resolved profile, secrets redacted. */
  profile: z.record(z.string(), z.unknown()),
  target: z.object({
    url: z.string(),
    kind: z.enum(['external', 'embedded', 'simulated']),
    platform: z.enum(['on-demand', 'lmi']).optional(),
  }),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  environment: z.object({
    args: z.array(z.string()),
    seed: z.number(),
    nodeVersion: z.string(),
    cores: z.number(),
    workers: z.number(),
    /** Generator CPU time / (wall time × cores), 0..1; null for simulate. */
    generatorCpuShare: z.number().nullable(),
    timeScale: z.number(),
    rateScale: z.number(),
    /** `--allow-unknown` was given: unknown gate verdicts do not fail the run. */
    allowUnknown: z.boolean().optional(),
  }),
  totals: totalsSchema,
  latencyMs: z.object({
    overall: latencySummarySchema.nullable(),
    byRequest: z.record(z.string(), latencySummarySchema.nullable()),
    /** hdr-histogram-js compressed base64 of the merged histogram (µs resolution). */
    encodedHistogram: z.string().nullable(),
  }),
  latenessMs: latencySummarySchema.nullable(),
  byRequest: z.record(z.string(), totalsSchema),
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
  cost: costSchema.nullable(),
  gates: z.array(gateResultSchema),
  warnings: z.array(z.string()),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
