import { describe, expect, it } from 'vitest';
import { SeriesBook } from '../../src/model/series-book.js';

const START = 1_700_000_000_000;

describe('SeriesBook', () => {
  it('gives every closed second as a point, the open one with includeOpen, empty avg seconds left out', () => {
    const book = new SeriesBook(START);
    const sum = book.slot('x.sum', { function: 'f' }, 'Count', 'sum');
    const avg = book.slot('x.avg', { function: 'f' }, 'Milliseconds', 'avg');
    book.add(sum, 2);
    book.add(sum, 3);
    book.add(avg, 10);
    book.add(avg, 20);
    book.closeSecond();
    book.closeSecond(); // no samples: sum 0, avg none
    book.add(sum, 1.0000004);
    book.add(avg, 7);
    const [s, a] = book.series(true);
    expect(s.points).toEqual([
      [START, 5],
      [START + 1000, 0],
      [START + 2000, 1],
    ]);
    expect(a.points).toEqual([
      [START, 15],
      [START + 2000, 7],
    ]);
    expect(book.series().map((x) => x.points.length)).toEqual([2, 1]);
  });

  it('points is a plain enumerable property to JSON and spreads, fixed as of the series() call', () => {
    const book = new SeriesBook(START);
    const slot = book.slot('y', {}, 'Count', 'max');
    book.max(slot, 4);
    book.closeSecond();
    const [y] = book.series();
    book.max(slot, 9);
    book.closeSecond(); // closed after series(): not in y
    expect(JSON.parse(JSON.stringify(y))).toEqual({
      name: 'y',
      labels: {},
      source: 'model',
      periodSec: 1,
      stat: 'Maximum',
      unit: 'Count',
      points: [[START, 4]],
    });
    expect({ ...y }.points).toEqual([[START, 4]]);
    expect(y.points).not.toBe(y.points); // built on each read
    expect(book.series()[0].points).toEqual([
      [START, 4],
      [START + 1000, 9],
    ]);
  });

  it('drops seconds past the retention, 600 at a time, and a slot made late reads 0 before it', () => {
    const book = new SeriesBook(START, 1000);
    const early = book.slot('early', {}, 'Count', 'sum');
    for (let i = 0; i < 1600; i++) {
      book.add(early, i);
      book.closeSecond();
    }
    const late = book.slot('late', {}, 'Count', 'sum');
    book.add(late, 1);
    book.closeSecond();
    const [e, l] = book.series();
    expect(e.points.length).toBe(1001);
    expect(e.points[0]).toEqual([START + 600_000, 600]);
    expect(e.points[1000]).toEqual([START + 1_600_000, 0]);
    expect(l.points.length).toBe(1001);
    expect(l.points.slice(-2)).toEqual([
      [START + 1_599_000, 0],
      [START + 1_600_000, 1],
    ]);
  });
});

describe('SeriesBook.series leaves out series without a point', () => {
  it('drops an avg series that never had a sample, keeps it once the open second has one', () => {
    const book = new SeriesBook(START);
    book.slot('never', {}, 'Milliseconds', 'avg');
    const later = book.slot('later', {}, 'Milliseconds', 'avg');
    book.slot('zeros', {}, 'Count', 'sum');
    book.closeSecond();
    book.add(later, 3);
    expect(book.series().map((s) => s.name)).toEqual(['zeros']);
    expect(book.series(true).map((s) => s.name)).toEqual(['later', 'zeros']);
    expect(book.series(true)[0].points).toEqual([[START + 1000, 3]]);
  });
});
