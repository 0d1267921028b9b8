import { describe, expect, test } from 'vitest';
import { durationToMs, parseDuration } from '../../src/profile/duration.js';

describe('parseDuration', () => {
  // [written, milliseconds or undefined]
  const cases: Array<[string, number | undefined]> = [
    ['500ms', 500], // milliseconds
    ['30s', 30_000], // seconds
    ['5m', 300_000], // minutes
    ['2h', 7_200_000], // hours
    ['1h30m', 5_400_000], // compound, descending units
    ['1m30s250ms', 90_250], // every unit but hours
    ['1.5s', 1_500], // decimals
    [' 10s ', 10_000], // surrounding blanks
    ['30', 30_000], // a bare number string counts as seconds
    ['0s', 0], // zero parses; phases reject it separately
    ['', undefined], // empty
    ['10', 10_000], // integer seconds
    ['30m1h', undefined], // units out of order
    ['1s1s', undefined], // unit repeated
    ['5 m', undefined], // blank inside
    ['-5s', undefined], // negative
    ['5x', undefined], // unknown unit
    ['m', undefined], // unit without number
    ['1h30', undefined], // trailing number without unit
    ['1d', undefined], // days are not a unit
  ];
  test.each(cases)('%j -> %j', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});

describe('durationToMs', () => {
  test.each([
    [30, 30_000], // numbers are seconds
    [0.25, 250], // fractions of a second
    ['2m', 120_000], // strings go through parseDuration
    ['soon', undefined], // and may fail
  ] as const)('%j -> %j', (value, expected) => {
    expect(durationToMs(value)).toBe(expected);
  });
});
