/**
 * Durations as written in profiles: a number of seconds (`30`, `0.5`) or a string of descending
 * units (`500ms`, `30s`, `5m`, `1h30m`, `1.5s`). Pure; no clock.
 */

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
const UNIT_ORDER = ['h', 'm', 's', 'ms'] as const;
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;

/** A JSON Schema pattern matching the string form accepted by parseDuration (for editors). */
export const DURATION_PATTERN = '^\\s*(\\d+(\\.\\d+)?(h|m|s|ms)?)+\\s*$';

/**
 * Parses a duration string into milliseconds. A bare number string counts as seconds. Units must
 * come in descending order, each at most once (`1h30m`, not `30m1h`). Returns undefined when the
 * text is not a duration; never throws.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1_000;
  if (trimmed === '') return undefined;
  let totalMs = 0;
  let lastUnitIndex = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const match = PART.exec(trimmed);
    if (!match) return undefined;
    const unit = match[2] as keyof typeof UNIT_MS;
    const unitIndex = UNIT_ORDER.indexOf(unit);
    if (unitIndex <= lastUnitIndex) return undefined;
    lastUnitIndex = unitIndex;
    totalMs += Number(match[1]) * UNIT_MS[unit];
  }
  return totalMs;
}

/**
 * A written duration (number = seconds, string = parseDuration) in milliseconds, or undefined
 * when it is not one. Negative numbers are returned as they are; range checks belong to callers.
 */
export function durationToMs(value: number | string): number | undefined {
  return typeof value === 'number' ? value * 1_000 : parseDuration(value);
}
