import { describe, expect, it } from 'vitest';
import { isoLength, isoTimestamp } from '../../src/notes-api/iso-timestamp.js';
import { createRandom } from '../../src/random/seeded-random.js';

describe('isoTimestamp', () => {
  it('formats as Date#toISOString of the floored time, rising or not, in and out of 0-9999', () => {
    const iso = isoTimestamp();
    const random = createRandom(3);
    let ms = Date.UTC(2026, 11, 31, 23, 59, 58);
    for (let i = 0; i < 20_000; i++) {
      ms += random.next() * (random.chance(0.01) ? 5e9 : 3);
      expect(iso(ms)).toBe(new Date(Math.floor(ms)).toISOString());
    }
    for (const t of [0, -1, -1500.5, 253402300799999, 253402300800000, -62198755200001, 1.5])
      expect(iso(t)).toBe(new Date(Math.floor(t)).toISOString());
  });
});

describe('isoLength', () => {
  it('is the length of toISOString at and around the ends of years 0-9999', () => {
    const edges = [-62_167_219_200_000, 253_402_300_799_999];
    const times = [
      0,
      1_764_619_200_000,
      -8.64e15,
      8.64e15,
      ...edges.flatMap((t) => [t - 1, t, t + 1]),
    ];
    for (const t of times) expect(isoLength(t)).toBe(new Date(t).toISOString().length);
    expect(times.filter((t) => isoLength(t) === 27)).toHaveLength(4);
  });
});
