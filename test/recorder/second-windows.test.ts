/**
 * SecondWindows: the closing rule every timeline shares (worker recorder, coordinator merger,
 * simulate's recorder): in order from 0, no gaps, the first incomplete second stops the rest,
 * `force` closes regardless.
 */
import { describe, expect, it } from 'vitest';
import { allCompleted, SecondWindows, secondOf } from '../../src/recorder/second-windows.js';

interface W {
  second: number;
  tally: { sent: number; completed: number };
}

function windows() {
  const opened: number[] = [];
  const w = new SecondWindows<W>((second) => {
    opened.push(second);
    return { second, tally: { sent: 0, completed: 0 } };
  }, allCompleted);
  const closed: Array<[number, boolean]> = [];
  const emit = (second: number, win: W | undefined) => closed.push([second, win !== undefined]);
  return { w, opened, closed, emit };
}

describe('secondOf', () => {
  it.each([
    [0, 0],
    [999.999, 0],
    [1000, 1],
    [2500, 2],
    [-5, 0],
  ])('%d ms is second %d', (ms, second) => {
    expect(secondOf(ms)).toBe(second);
  });
});

describe('allCompleted', () => {
  it.each([
    ['no window', undefined, true],
    ['nothing sent', { tally: { sent: 0, completed: 0 } }, true],
    ['one reply pending', { tally: { sent: 3, completed: 2 } }, false],
    ['all replied', { tally: { sent: 3, completed: 3 } }, true],
  ])('%s: %s', (_name, w, expected) => {
    expect(allCompleted(w)).toBe(expected);
  });
});

describe('SecondWindows', () => {
  it('opens a window once a second and hands back the same one', () => {
    const { w, opened } = windows();
    const a = w.at(3);
    expect(w.at(3)).toBe(a);
    w.at(1);
    expect(w.at(3)).toBe(a);
    expect(opened).toEqual([3, 1]);
    expect(w.highestOpened).toBe(3);
  });

  it('closes in order up to the limit, with gaps as undefined windows', () => {
    const { w, closed, emit } = windows();
    w.at(0);
    w.at(2);
    expect(w.closeBefore(2, emit)).toBe(2);
    expect(closed).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(w.nextToClose).toBe(2);
    expect(w.closeBefore(2, emit)).toBe(0);
  });

  it('stops at the first incomplete second, so no later second overtakes it', () => {
    const { w, closed, emit } = windows();
    w.at(0).tally.sent = 1;
    w.at(1);
    expect(w.closeBefore(5, emit)).toBe(0);
    w.at(0).tally.completed = 1;
    expect(w.closeBefore(5, emit)).toBe(5);
    expect(closed.map(([s]) => s)).toEqual([0, 1, 2, 3, 4]);
  });

  it('force closes incomplete seconds too', () => {
    const { w, closed, emit } = windows();
    w.at(0).tally.sent = 1;
    expect(w.closeBefore(2, emit, true)).toBe(2);
    expect(closed).toEqual([
      [0, true],
      [1, false],
    ]);
  });

  it('a closed second is never emitted again; a late arrival in it gets a window of its own', () => {
    const { w, closed, emit } = windows();
    const first = w.at(0);
    w.closeBefore(1, emit);
    const late = w.at(0);
    expect(late).not.toBe(first);
    w.closeBefore(3, emit, true);
    expect(closed.map(([s]) => s)).toEqual([0, 1, 2]);
  });

  it('with a predicate that calls a missing second incomplete, closing stops at the first gap', () => {
    const parts = new SecondWindows<{ n: number }>(
      () => ({ n: 0 }),
      (p) => p !== undefined && p.n >= 2,
    );
    const out: number[] = [];
    const emit = (s: number, p: { n: number } | undefined) => void (p && out.push(s));
    parts.at(0).n = 2;
    parts.at(2).n = 2;
    parts.closeBefore(parts.highestOpened + 1, emit);
    expect(out).toEqual([0]);
    parts.closeBefore(parts.highestOpened + 1, emit, true);
    expect(out).toEqual([0, 2]);
  });
});
