/**
 * modelBlockSchema: the shape of a profile's `model:` block (and of a `--model FILE`), every key
 * optional, unknown keys rejected. Durations are milliseconds as numbers or strings with a unit
 * (`200ms`, `90s`, `5m`, `1h`); fractions are numbers 0..1 or percentages (`40%`); ranges are
 * `{ min, max }` or one value.
 */
import * as z from 'zod';

const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const duration = z.union([
  z.number().nonnegative(),
  z.string().regex(DURATION_RE, 'must be a duration such as 200ms, 90s, 5m'),
]);
const range = z.union([duration, z.strictObject({ min: duration, max: duration })]);
const fraction = z.union([
  z.number().min(0).max(1),
  z.string().regex(/^\d+(?:\.\d+)?%$/, 'must be a fraction 0..1 or a percentage such as 40%'),
]);
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

const environments = z.number().int().min(0).max(15_000);
const functionScalingBlock = z.strictObject({
  minExecutionEnvironments: environments.optional(),
  maxExecutionEnvironments: environments.min(1).optional(),
});

const routeBlock = z.strictObject({
  function: z.string().min(1).optional(),
  serviceTime: range.optional(),
  cpuTime: duration.optional(),
});

/** A work step (`cpu` and/or `service` time) or a `wait` of a durable workflow. */
const durableStep = z.union([
  z.strictObject({ wait: duration }),
  z
    .strictObject({ cpu: duration.optional(), service: duration.optional() })
    .refine((s) => s.cpu !== undefined || s.service !== undefined, {
      error: 'a step needs cpu, service or wait',
    }),
]);

/** One modelled durable function (see src/model/durable-workflow.ts). */
const durableBlock = z.strictObject({
  steps: z.array(durableStep).min(1),
  failRate: fraction.optional(),
  executionTimeout: duration.optional(),
  retentionDays: z.number().int().min(1).max(90).optional(),
  checkpointBytes: nonNegativeInt.optional(),
});

/** Zod schema of the `model:` block. */
export const modelBlockSchema = z.strictObject({
  platform: z.enum(['on-demand', 'lmi']).optional(),
  architecture: z.enum(['x86_64', 'arm64']).optional(),
  timeScale: z.number().positive().optional(),
  errorRate: fraction.optional(),
  onDemand: z
    .strictObject({
      accountConcurrency: positiveInt.optional(),
      newEnvironmentsPer10s: positiveInt.optional(),
      requestsPerSecPerConcurrency: z.number().positive().optional(),
      coldStart: range.optional(),
      idleTimeout: range.optional(),
      reservedConcurrency: z.record(z.string(), nonNegativeInt).optional(),
      functionMemoryMb: z.number().int().min(128).max(10_240).optional(),
    })
    .optional(),
  lmi: z
    .strictObject({
      capacityProvider: z.string().min(1).optional(),
      instanceType: z.string().min(1).optional(),
      initialInstances: nonNegativeInt.optional(),
      minInstances: nonNegativeInt.optional(),
      maxInstances: positiveInt.optional(),
      maxVCpuCount: positiveInt.optional(),
      functionMemoryGiB: z.number().min(2).optional(),
      memoryGiBPerVCpu: z.number().min(2).max(8).optional(),
      minExecutionEnvironments: environments.optional(),
      maxExecutionEnvironments: environments.min(1).optional(),
      functions: z.record(z.string(), functionScalingBlock).optional(),
      perVCpuMaxConcurrency: z.number().int().min(1).max(1600).optional(),
      targetCpu: fraction.optional(),
      scalingTolerance: fraction.optional(),
      evaluationInterval: duration.optional(),
      launchDelay: range.optional(),
      scaleInCooldown: duration.optional(),
      cpuThrottleAt: fraction.optional(),
      cpuThrottleWindow: duration.optional(),
    })
    .optional(),
  routes: z.record(z.string(), routeBlock).optional(),
  durable: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), durableBlock).optional(),
});

/** The validated block. */
export type ModelBlock = z.infer<typeof modelBlockSchema>;

/** durationMs converts a validated duration to milliseconds. */
export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = DURATION_RE.exec(value);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : Number.NaN;
}

/** rangeMs converts a validated range to milliseconds. */
export function rangeMs(value: z.infer<typeof range>): { min: number; max: number } {
  if (typeof value === 'object') return { min: durationMs(value.min), max: durationMs(value.max) };
  const ms = durationMs(value);
  return { min: ms, max: ms };
}

/** fractionOf converts a validated fraction (`0.4` or `40%`) to a number 0..1. */
export function fractionOf(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.slice(0, -1)) / 100;
}
