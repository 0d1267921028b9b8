/**
 * Parsers for command-line option values, each throwing UsageError with the option's name and an
 * example, so `--workers abc` says what is wrong and how to write it.
 */
import { UsageError } from '../errors.js';
import { parseDuration } from '../profile/duration.js';

/** Decimal digits only: Number() would read '' and ' ' as 0 and '0x10' as 16. */
const DIGITS = /^\d+$/;

/**
 * pathArg keeps a file or folder path as written, refusing an empty one: `--out ''` would resolve
 * to the working folder, and an empty `--prices` or `--model` would be skipped as if not given.
 */
export function pathArg(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '')
      throw new UsageError(`${flag} is empty: give a path, or leave ${flag} out for its default`);
    return value;
  };
}

/** positiveInt parses a whole number >= 1 (and <= `max` when given). */
export function positiveInt(flag: string, max = Infinity): (value: string) => number {
  return (value) => {
    const n = DIGITS.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`${flag} must be a whole number >= 1 (got "${value}")`);
    if (n > max) throw new UsageError(`${flag} must be at most ${max} (got ${value})`);
    return n;
  };
}

/** nonNegativeInt parses a whole number >= 0. */
export function nonNegativeInt(flag: string): (value: string) => number {
  return (value) => {
    const n = DIGITS.test(value) ? Number(value) : NaN;
    // Above 2^53 a number is rounded: `--seed 9007199254740993` would run as ...992.
    if (!Number.isSafeInteger(n) || n < 0)
      throw new UsageError(
        `${flag} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got "${value}")`,
      );
    return n;
  };
}

/** positiveNumber parses a number > 0. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new UsageError(`${flag} must be a number > 0 (got "${value}")`);
    return n;
  };
}

/** `0.3` or `30%` as 0.3; NaN for an empty or unreadable value. */
function readFraction(value: string): number {
  if (value.trim() === '') return NaN;
  return value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
}

/** fraction parses a number from 0 to 1 (or a percentage such as `30%`). */
export function fraction(flag: string): (value: string) => number {
  return (value) => {
    const n = readFraction(value);
    if (!Number.isFinite(n) || n < 0 || n > 1)
      throw new UsageError(
        `${flag} must be a fraction from 0 to 1, or a percentage like 30% (got "${value}")`,
      );
    return n;
  };
}

/**
 * positiveFraction parses a number above 0 and at most 1 (or a percentage such as `30%`), for
 * options where 0 means nothing (`--cpu-fraction 0` would make all CPU work vanish).
 */
export function positiveFraction(flag: string): (value: string) => number {
  return (value) => {
    const n = readFraction(value);
    if (!Number.isFinite(n) || n <= 0 || n > 1)
      throw new UsageError(
        `${flag} must be a fraction above 0 and at most 1, or a percentage like 30% (got "${value}")`,
      );
    return n;
  };
}

/** port parses a TCP port, 0 (any free port) to 65535. */
export function port(flag: string): (value: string) => number {
  return (value) => {
    const n = DIGITS.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new UsageError(`${flag} must be a port from 0 to 65535 (got "${value}")`);
    return n;
  };
}

/** durationMs parses `500ms`, `30s`, `5m`, `1h30m` or a plain number of seconds. */
export function durationMs(flag: string): (value: string) => number {
  return (value) => {
    const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : parseDuration(value);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0)
      throw new UsageError(
        `${flag} must be a duration like 500ms, 30s, 5m or 1h30m (got "${value}")`,
      );
    return ms;
  };
}

/** positiveDurationMs: durationMs that also refuses 0. */
export function positiveDurationMs(flag: string): (value: string) => number {
  const parse = durationMs(flag);
  return (value) => {
    const ms = parse(value);
    if (ms === 0) throw new UsageError(`${flag} must be more than 0 (got "${value}")`);
    return ms;
  };
}

/** collect appends repeated option values into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** oneOf accepts one of the listed words. */
export function oneOf<T extends string>(flag: string, words: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(words as readonly string[]).includes(value))
      throw new UsageError(`${flag} must be one of ${words.join(', ')} (got "${value}")`);
    return value as T;
  };
}

/** functionMapping parses `--function request=function-name` (request name first). */
export function functionMapping(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new UsageError(`--function must be requestName=functionName (got "${value}")`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** An ISO 8601 date and time with its zone: `2026-12-03T18:30:00Z`, `...T19:30:00+01:00`. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * isoInstant parses an ISO 8601 date-time with a zone (Z or ±hh:mm) into epoch ms. A day the month
 * lacks (`02-30`) or hour 24 is refused: Date.parse would roll it over to another instant than the
 * one written.
 */
export function isoInstant(flag: string): (value: string) => number {
  return (value) => {
    const m = ISO_INSTANT.exec(value);
    const ms = m ? Date.parse(value) : NaN;
    if (!m || !Number.isFinite(ms))
      throw new UsageError(
        `${flag} must be a date and time with its zone (Z or ±hh:mm), like 2026-12-03T18:30:00Z (e.g. $(date -u -d '+2 min' +%FT%TZ)) (got "${value}")`,
      );
    const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59)
      throw new UsageError(
        `${flag}: ${value.slice(0, 16)} is no time of day on the calendar (got "${value}")`,
      );
    return ms;
  };
}

/** Most shards a run may be split into (`--shard`). */
export const MAX_SHARDS = 1000;

/**
 * shardArg reads `--shard I/N` (1-based: `1/4` is the first of four) into a 0-based ShardSpec
 * (src/schedule/shard-split.ts).
 */
export function shardArg(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const i = match ? Number(match[1]) : NaN;
  const n = match ? Number(match[2]) : NaN;
  if (!(n >= 1 && n <= MAX_SHARDS) || !(i >= 1 && i <= n))
    throw new UsageError(
      `--shard must be I/N with 1 <= I <= N <= ${MAX_SHARDS}, e.g. --shard 2/4 for the second of four (got "${value}")`,
    );
  return { index: i - 1, count: n };
}
