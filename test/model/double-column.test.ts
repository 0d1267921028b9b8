import { describe, expect, it } from 'vitest';
import { DoubleColumn } from '../../src/model/double-column.js';

const values = (c: DoubleColumn) => Array.from({ length: c.length }, (_, i) => c.at(i));

describe('DoubleColumn', () => {
  it('keeps every pushed value exactly, in order, past its first capacity', () => {
    const c = new DoubleColumn(2);
    const pushed = [0.1, -3, 1e300, Number.NaN, 7.000001, 0, 42];
    for (const v of pushed) c.push(v);
    expect(c.length).toBe(7);
    expect(values(c)).toEqual(pushed);
  });

  it('fill appends copies', () => {
    const c = new DoubleColumn(1);
    c.push(1);
    c.fill(Number.NaN, 3);
    c.fill(5, 0);
    expect(c.length).toBe(4);
    expect(values(c)).toEqual([1, Number.NaN, Number.NaN, Number.NaN]);
  });

  it('dropFirst forgets the oldest values and keeps appending after them', () => {
    const c = new DoubleColumn(4);
    for (let i = 0; i < 10; i++) c.push(i);
    c.dropFirst(6);
    expect(values(c)).toEqual([6, 7, 8, 9]);
    c.push(10);
    expect(values(c)).toEqual([6, 7, 8, 9, 10]);
    c.dropFirst(0);
    c.dropFirst(-1);
    expect(c.length).toBe(5);
    c.dropFirst(99);
    expect(c.length).toBe(0);
    c.push(11);
    expect(values(c)).toEqual([11]);
  });
});

describe('DoubleColumn runs', () => {
  it('stores equal neighbours as one run (NaN with NaN, 0 apart from -0)', () => {
    const c = new DoubleColumn(1);
    for (const v of [0, 0, 0, 1, 1, Number.NaN, Number.NaN, 0, -0, -0, 2]) c.push(v);
    c.fill(2, 5);
    expect(c.length).toBe(16);
    expect(c.runCount).toBe(6);
    expect(Object.is(c.at(8), -0)).toBe(true);
    expect(Object.is(c.at(7), 0)).toBe(true);
    expect(values(c)).toEqual([0, 0, 0, 1, 1, NaN, NaN, 0, -0, -0, 2, 2, 2, 2, 2, 2]);
  });

  it('reads any index in any order, and drops inside a run', () => {
    const c = new DoubleColumn(2);
    const expected: number[] = [];
    for (let i = 0; i < 300; i++) {
      const v = Math.floor(i / 7) % 3; // runs of 7, neighbours differ
      c.push(v);
      expected.push(v);
    }
    expect(c.runCount).toBe(Math.ceil(300 / 7));
    for (const i of [299, 0, 150, 151, 6, 7, 8, 298, 3]) expect(c.at(i)).toBe(expected[i]);
    c.dropFirst(10); // inside the second run
    expect(c.length).toBe(290);
    expect(values(c)).toEqual(expected.slice(10));
    expect(c.runCount).toBe(Math.ceil(300 / 7) - 1);
  });
});

describe('DoubleColumn.hasNumber', () => {
  it('looks at the first count values only', () => {
    const c = new DoubleColumn();
    expect(c.hasNumber(5)).toBe(false);
    c.fill(Number.NaN, 3);
    c.push(1);
    expect(c.hasNumber(0)).toBe(false);
    expect(c.hasNumber(3)).toBe(false);
    expect(c.hasNumber(4)).toBe(true);
    const d = new DoubleColumn();
    d.push(0);
    expect(d.hasNumber(0)).toBe(false);
    expect(d.hasNumber(1)).toBe(true);
  });
});

describe('DoubleColumn storage', () => {
  it('keeps integers in 8 bytes a run until a value is not one, then every value exactly', () => {
    const c = new DoubleColumn(1);
    const ints = [0, 1, 2 ** 31 - 1, -(2 ** 31), 7, 7, 3];
    for (const v of ints) c.push(v);
    expect(c.bytesPerRun).toBe(8);
    expect(c.runCount).toBe(6);
    c.push(2 ** 31);
    expect(c.bytesPerRun).toBe(12);
    for (const v of [-0, 0.5, 4, Number.NaN]) c.push(v);
    expect(values(c)).toEqual([...ints, 2 ** 31, -0, 0.5, 4, Number.NaN]);
    expect(Object.is(c.at(8), -0)).toBe(true);
    expect(c.runCount).toBe(11);
  });

  it('turns to 12 bytes for -0, a fraction or NaN, keeping what came before', () => {
    for (const odd of [-0, 0.25, Number.NaN, -(2 ** 31) - 1]) {
      const c = new DoubleColumn(4);
      c.fill(5, 10);
      c.push(odd);
      c.push(6);
      expect(c.bytesPerRun).toBe(12);
      expect(c.length).toBe(12);
      expect(Object.is(c.at(10), odd)).toBe(true);
      expect(values(c)).toEqual([...Array<number>(10).fill(5), odd, 6]);
    }
  });

  it('keeps 10,000 runs in order over several chunks, turning to Float64 in the third', () => {
    const c = new DoubleColumn(1);
    const expected: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const v = i < 5_000 ? i : i + 0.5;
      c.fill(v, 1 + (i % 3));
      for (let k = 0; k <= i % 3; k++) expected.push(v);
    }
    expect(c.runCount).toBe(10_000);
    expect(c.length).toBe(expected.length);
    expect(c.bytesPerRun).toBe(12);
    expect(values(c)).toEqual(expected);
    for (const i of [expected.length - 1, 0, 12_345, 4_095, 4_096, 6_000])
      expect(c.at(i)).toBe(expected[i]);
  });

  it('drops across chunks and keeps appending after them', () => {
    const c = new DoubleColumn(4);
    const expected: number[] = [];
    for (let i = 0; i < 7_000; i++) {
      c.push(i);
      expected.push(i);
    }
    c.dropFirst(4_500); // two chunks and a part of the third
    expect(c.runCount).toBe(2_500);
    expect(values(c)).toEqual(expected.slice(4_500));
    for (let i = 0; i < 3_000; i++) c.push(-i - 1);
    expect(c.runCount).toBe(5_500);
    expect(values(c)).toEqual([
      ...expected.slice(4_500),
      ...expected.slice(0, 3_000).map((i) => -i - 1),
    ]);
    c.dropFirst(5_499);
    expect(values(c)).toEqual([-3_000]);
  });
});
