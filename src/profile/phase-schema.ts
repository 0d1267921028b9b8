/**
 * The written form of one load phase: a `duration` plus exactly one of `rate`, `rampTo`,
 * `pulses`, `wave`, `trace` or `users`. Normalized into a Phase by normalize-phases.ts.
 */
import * as z from 'zod';
import { durationToMs } from './duration.js';
import { durationField } from './schema-fields.js';

/** The keys that decide a phase's kind; a phase has exactly one of them. */
export const PHASE_KIND_KEYS = ['rate', 'rampTo', 'pulses', 'wave', 'trace', 'users'] as const;

const TREND = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*\/\s*h\s*$/;

/** A wave trend per hour: a number (0.2) or a string `20%/h`; undefined when unreadable. */
export function parseTrendPerHour(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const match = TREND.exec(value);
  return match ? Number(match[1]) / 100 : undefined;
}

const rate = (description: string) =>
  z.number().min(0).describe(`${description} Requests per second.`);

const pulsesSchema = z
  .strictObject({
    every: durationField('Time from the start of one pulse to the start of the next.'),
    width: durationField('How long each pulse lasts (<= every).'),
    rate: rate('Arrival rate during a pulse.'),
    base: rate('Arrival rate between pulses.').default(0),
  })
  .superRefine((pulses, ctx) => {
    const everyMs = durationToMs(pulses.every) ?? 0;
    const widthMs = durationToMs(pulses.width) ?? 0;
    if (widthMs > everyMs && everyMs > 0) {
      ctx.addIssue({ code: 'custom', message: 'must be <= every', path: ['width'] });
    }
  })
  .describe('`rate` for `width` at the start of every `every`, `base` otherwise.');

const waveSchema = z
  .strictObject({
    mean: rate('Mean arrival rate.'),
    peakToMean: z.number().min(1).describe('Peak rate / mean rate (2 = peaks at twice the mean).'),
    period: durationField('Length of one cycle of the sine.'),
    trend: z
      .union([z.number(), z.string().regex(TREND, { error: 'must read like 20%/h' })])
      .default(0)
      .describe('Linear growth of the mean per hour: a fraction (0.2) or "20%/h".'),
    noise: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('Relative size of seeded multiplicative noise (0.05 = 5%).'),
  })
  .describe(
    'rate(t) = mean × (1 + trend × t_h) × (1 + (peakToMean − 1) × sin(2πt / period)), with noise.',
  );

const traceSchema = z
  .strictObject({
    file: z
      .string()
      .min(1)
      .describe('CSV with header `t,rate` or a JSON array of [t, rate]; relative to the profile.'),
    timeScale: z.number().positive().default(1).describe('Multiplies every t of the trace.'),
    rateScale: z.number().min(0).default(1).describe('Multiplies every rate of the trace.'),
  })
  .describe(
    'Replay a recorded rate series (seconds from start, requests per second), held between points.',
  );

/** One written phase. */
export const phaseSchema = z
  .strictObject({
    duration: durationField(
      'How long the phase lasts (a trace defaults to its last point).',
    ).optional(),
    rate: rate('Constant arrival rate.').optional(),
    rampTo: rate(
      "Linear ramp from the previous phase's final rate (0 for the first) to this rate.",
    ).optional(),
    pulses: pulsesSchema.optional(),
    wave: waveSchema.optional(),
    trace: traceSchema.optional(),
    users: z
      .number()
      .int()
      .positive()
      .describe('Closed model: number of virtual users.')
      .optional(),
  })
  .superRefine((phase, ctx) => {
    const kinds = PHASE_KIND_KEYS.filter((key) => phase[key] !== undefined);
    const list = PHASE_KIND_KEYS.join(', ');
    if (kinds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `needs one of ${list}`,
        params: { hint: 'e.g. { duration: 30s, rate: 50 }' },
      });
    } else if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${kinds.join(' and ')}; a phase has exactly one of ${list}`,
        params: { hint: 'split it into two phases' },
      });
    }
    if (phase.duration === undefined && phase.trace === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'is required',
        path: ['duration'],
        params: { hint: 'e.g. duration: 30s' },
      });
    }
  })
  .describe('One load phase; phases run one after another.');

/** A phase as the schema returns it (defaults applied, durations still as written). */
export type WrittenPhase = z.output<typeof phaseSchema>;
