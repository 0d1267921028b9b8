import { describe, expect, it } from 'vitest';
import { renderTextChart, resampleMax } from '../../src/report/text-chart.js';

describe('renderTextChart', () => {
  const x = Array.from({ length: 5400 }, (_, i) => i);
  const spike = x.map((s) => (s === 2700 ? 5000 : 300));
  const chart = renderTextChart(
    {
      title: 'Rate',
      unit: 'req/s',
      x,
      bars: { label: 'ok', values: spike, symbol: '█' },
      lines: [{ label: 'target', values: x.map(() => 300), symbol: '-' }],
      marks: [{ label: '429', values: spike.map((v) => (v > 300 ? 1 : 0)), symbol: '*' }],
    },
    { width: 80, height: 6, color: false },
  );
  const lines = chart.split('\n');
  it('keeps a one-second spike of a 90-minute run and reads time as h:mm', () => {
    expect(lines[2]).toMatch(/^ +5,000 ┤ +█ *$/);
    expect(lines[lines.length - 2]).toMatch(/^ +429 ┤ +\* *$/);
    expect(lines[lines.length - 1]).toMatch(/^ +0:00 +0:45 +1:30$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });
  it('names every line in the legend in plain text', () => {
    expect(lines[1]).toBe('█ ok   - target   * 429');
  });
  it('puts the log axis at powers of ten', () => {
    const log = renderTextChart(
      {
        title: 'Latency',
        unit: 'ms',
        x: [0, 1, 2],
        lines: [{ label: 'p99', values: [20, 300, 3000], symbol: '*' }],
        log: true,
      },
      { width: 40, height: 4, color: false },
    ).split('\n');
    expect(log[0]).toBe('Latency (ms, log scale)');
    expect(log.slice(2, 6).map((l) => l.split('┤')[0].trim())).toEqual(['10s', '1s', '100', '10']);
  });
});

describe('resampleMax', () => {
  it('takes the maximum of each bucket and skips gaps', () => {
    expect(resampleMax([1, 9, 2, null, null, 3], 3)).toEqual([9, 2, 3]);
    expect(resampleMax([5], 3)).toEqual([5, 5, 5]);
  });
});
