/**
 * The HTML report opened in real headless Chromium (Debian's `chromium`), offline: every chart
 * draws with no console errors; the cost section comes before the charts; moving the cursor (or
 * zooming) on one time chart does the same on all; the 429 series has one colour in every chart;
 * a 90-minute record draws at most a few thousand points a series and still shows a one-second
 * spike; the cost curve draws the fleet, LMI and on-demand Lambda lines and marks each scenario
 * at its compute cost, not its total. A screenshot is kept in test-artifacts/ for a human to look at. Skipped loudly without
 * Chromium; fails under CI=true.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord, TimelineEntry } from '../../src/record/run-record.js';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { parseFleetSpec } from '../../src/analysis/fleet-spec.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { renderHtml } from '../../src/report/html-report.js';
import { SERIES_COLORS } from '../../src/report/series-colors.js';
import { T0 } from '../analysis/fixtures/make-run-record.js';
import { reportRecord } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

/** The few DOM and uPlot shapes the page scripts below touch (no DOM types in this project). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface ChartElement {
  id: string;
  getAttribute(name: string): string | null;
  querySelector(selector: 'canvas'): CanvasLike | null;
}
interface UPlotLike {
  cursor: { left: number; idx: number | null };
  scales: { x: { min: number; max: number }; y: { min: number; max: number } };
  data: Array<Array<number | null>>;
  series: Array<{ label: string }>;
  posToVal(pos: number, scale: string): number;
  root: { querySelectorAll(s: string): ArrayLike<LegendRow> };
}
interface LegendRow {
  textContent: string | null;
  querySelector(s: string): { style: { borderColor: string } } | null;
}
type Charts = Record<string, UPlotLike>;
declare const window: { flashcrowdCharts: Charts };

const haveChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const TIME_CHARTS = ['rate', 'latency', 'throttles', 'concurrency', 'instances', 'cpu'];

if (!haveChromium) {
  const message = `\n!!! SKIPPING the HTML report browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`;
  process.stderr.write(message);
  if (process.env.CI === 'true') throw new Error(`${message}(CI=true: Chromium is required)`);
}

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** 90 minutes at 300 req/s with one second (at 45:00) of 5,000 429s. */
function ninetyMinutes(): RunRecord {
  const record = reportRecord();
  const seconds = 90 * 60;
  const entry = record.timeline[0];
  record.timeline = Array.from({ length: seconds }, (_, s): TimelineEntry => {
    const throttled = s === 2700 ? 5000 : 0;
    return {
      ...entry,
      second: s,
      planned: 300 + throttled,
      sent: 300 + throttled,
      completed: 300 + throttled,
      ok: 300,
      throttled,
      errors: 0,
      byStatus: throttled ? { '200': 300, '429': throttled } : { '200': 300 },
      latencyMs: { ...entry.latencyMs!, p99: 100 + (s % 60) },
    };
  });
  record.endedAt = new Date(T0 + seconds * 1000).toISOString();
  for (const s of record.platform.series)
    s.points = Array.from({ length: seconds / 60 }, (_, i) => [T0 + i * 60_000, s.points[0][1]]);
  return record;
}

describe.skipIf(!haveChromium)('HTML report in headless Chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    // A persistent context on a fresh, empty user-data-dir (playwright passes --user-data-dir).
    context = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'flashcrowd-chromium-')),
      {
        executablePath: CHROMIUM,
        headless: true,
        offline: true,
        viewport: { width: 1100, height: 900 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Opens the report of `record`, collecting console problems and any network request. */
  async function open(record: RunRecord, problems: string[]): Promise<Page> {
    const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(record));
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:'))
        problems.push(`network: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    return page;
  }

  it('draws every chart offline with no console errors, the cost section before the charts', async () => {
    const problems: string[] = [];
    const page = await open(reportRecord(), problems);
    const colors = Object.values(SERIES_COLORS).map((h) => {
      const n = parseInt(h.slice(1), 16);
      return [n >> 16, (n >> 8) & 255, n & 255];
    });
    const charts = await page.$$eval(
      '.chart',
      (nodes, colors) =>
        (nodes as unknown as ChartElement[]).map((el) => {
          const canvas = el.querySelector('canvas');
          let inked = 0;
          if (canvas) {
            const data = canvas
              .getContext('2d')
              .getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < data.length; i += 4) {
              const near = colors.some(
                ([r, g, b]) =>
                  Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <
                  40,
              );
              if (data[i + 3] > 200 && near) inked++;
            }
          }
          return { id: el.id, drawn: el.getAttribute('data-drawn'), inked };
        }),
      colors,
    );
    const order = await page.$$eval('#verdict, #narrative, #cost, #what-happened, #tables', (els) =>
      (els as unknown as Array<{ id: string; getBoundingClientRect(): { top: number } }>).map(
        (e) => [e.id, e.getBoundingClientRect().top] as const,
      ),
    );
    const legendText = await page.$$eval('.u-legend', (els) =>
      (els as unknown as Array<{ textContent: string }>).map((e) => e.textContent),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.close();

    expect(problems).toEqual([]);
    expect(charts.map((c) => c.id)).toEqual([
      'chart-cost-curve',
      ...TIME_CHARTS.map((id) => `chart-${id}`),
    ]);
    for (const c of charts) {
      expect(c.drawn, c.id).toBe('true');
      expect(c.inked, `${c.id} drew no series line`).toBeGreaterThan(50);
    }
    expect(order.map(([id]) => id)).toEqual([
      'verdict',
      'narrative',
      'cost',
      'what-happened',
      'tables',
    ]);
    const tops = order.map(([, top]) => top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    for (const text of legendText) expect(text).not.toContain('--');
  });

  it('moves the cursor and the zoom of every time chart together', async () => {
    const problems: string[] = [];
    const page = await open(reportRecord(), problems);
    const cursors = async () =>
      page.evaluate(
        (ids) =>
          ids.map((id) => {
            const u = window.flashcrowdCharts[id];
            return {
              id,
              idx: u.cursor.idx,
              x: u.cursor.left >= 0 ? u.posToVal(u.cursor.left, 'x') : null,
              min: u.scales.x.min,
              max: u.scales.x.max,
            };
          }),
        TIME_CHARTS,
      );
    for (const [from, at] of [
      ['rate', 0.6],
      ['cpu', 0.25],
    ] as const) {
      const over = page.locator(`#chart-${from} .u-over`);
      await over.scrollIntoViewIfNeeded();
      const box = (await over.boundingBox())!;
      await page.mouse.move(box.x + box.width * at, box.y + box.height / 2);
      const all = await cursors();
      const expected = all.find((c) => c.id === from)!.x!;
      expect(expected).toBeGreaterThan(0);
      for (const c of all) {
        expect(c.idx, `${c.id} cursor after moving on ${from}`).not.toBeNull();
        expect(Math.abs(c.x! - expected), c.id).toBeLessThan(0.2);
      }
    }
    // Zoom: drag across a third of the latency chart.
    await page.locator('#chart-latency .u-over').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-latency .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const zoomed = await cursors();
    const span = zoomed[0].max - zoomed[0].min;
    expect(span).toBeLessThan(6);
    for (const c of zoomed) {
      expect(c.min, c.id).toBeCloseTo(zoomed[0].min, 6);
      expect(c.max, c.id).toBeCloseTo(zoomed[0].max, 6);
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('gives each meaning one colour in every chart (429 orange, ok green)', async () => {
    const problems: string[] = [];
    const page = await open(reportRecord(), problems);
    const rows = await page.evaluate(() =>
      Object.entries(window.flashcrowdCharts).flatMap(([id, u]) =>
        Array.from(u.root.querySelectorAll('.u-legend .u-series')).map((row) => ({
          id,
          label: row.textContent ?? '',
          color: row.querySelector('.u-marker')?.style.borderColor ?? '',
        })),
      ),
    );
    await page.close();
    const throttled = rows.filter((r) => /429|throttl/i.test(r.label));
    expect(new Set(throttled.map((r) => r.id))).toEqual(new Set(['rate', 'throttles']));
    for (const r of throttled)
      expect(r.color, `${r.id}: ${r.label}`).toBe(rgb(SERIES_COLORS['429']));
    const ok = rows.filter((r) => /^ok/.test(r.label));
    expect(ok.length).toBeGreaterThan(0);
    for (const r of ok) expect(r.color, `${r.id}: ${r.label}`).toBe(rgb(SERIES_COLORS.ok));
    expect(problems).toEqual([]);
  });

  it('draws the cost curve with its fleet, LMI and on-demand lines, each scenario marked at its compute cost', async () => {
    // A REST API front door adds $3.50 per million requests to every total: none of it is compute.
    const record = reportRecord();
    record.cost = analyzeCost(record, builtinPrices['us-east-1'], {
      fleets: [parseFleetSpec('m7g.large=2')],
      frontDoor: 'rest-api',
      assumptions: { lambdaMemoryMb: 2048, architecture: 'arm64', instanceType: 'm7g.xlarge' },
    });
    const problems: string[] = [];
    const page = await open(record, problems);
    const plot = await page.evaluate(() => {
      const u = window.flashcrowdCharts['cost-curve'];
      return {
        labels: u.series.map((s) => s.label),
        x: u.data[0],
        data: u.data.slice(1),
      };
    });
    expect(plot.labels.slice(0, 4)).toEqual([
      'utilization',
      'fleet compute',
      'LMI compute (with its 15% fee)',
      'on-demand Lambda compute (reference)',
    ]);
    const at = (line: number, pct: number) => plot.data[line][plot.x.indexOf(pct)];
    const cost = record.cost;
    const half = cost.curve.find((p) => p.utilization === 0.5)!;
    expect(at(0, 50)).toBeCloseTo(half.costUsd, 12);
    expect(at(1, 50)).toBeCloseTo(half.lmiUsd!, 12);
    expect(at(2, 50)).toBeCloseTo(cost.reference!.onDemandComputeUsd, 12);
    // Every marked scenario sits at its compute cost, below its total (which has the front door).
    const marked = cost.scenarios.filter((s) => s.utilization !== null && s.utilization > 0);
    expect(plot.labels.slice(4)).toEqual(marked.map((s) => `${s.name} (${s.basis})`));
    marked.forEach((s, i) => {
      const values = plot.data[3 + i].filter((v): v is number => v !== null);
      expect(values, s.name).toHaveLength(1);
      expect(values[0], s.name).toBeCloseTo(s.computeUsd!, 12);
      expect(values[0], s.name).toBeLessThan(s.totalUsd - s.breakdown.frontDoorUsd / 2);
    });
    // The LMI line is drawn in its own colour.
    const inked = await page.$eval(
      '#chart-cost-curve canvas',
      (el, hex) => {
        const canvas = el as unknown as CanvasLike;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const n = parseInt(hex.slice(1), 16);
        let count = 0;
        for (let i = 0; i < data.length; i += 4)
          if (
            data[i + 3] > 200 &&
            Math.abs(data[i] - (n >> 16)) +
              Math.abs(data[i + 1] - ((n >> 8) & 255)) +
              Math.abs(data[i + 2] - (n & 255)) <
              40
          )
            count++;
        return count;
      },
      SERIES_COLORS.lmiCost,
    );
    await page.close();
    expect(problems).toEqual([]);
    expect(inked, 'the LMI line drew no pixels').toBeGreaterThan(50);
  });

  it('draws a 90-minute run from a few thousand points a series, keeping a 1-second spike', async () => {
    const problems: string[] = [];
    const page = await open(ninetyMinutes(), problems);
    const charts = await page.evaluate((ids) => {
      return ids.map((id) => {
        const u = window.flashcrowdCharts[id];
        const throttled = u.series.findIndex((s) => /^429/.test(s.label));
        const values = throttled > 0 ? u.data[throttled] : [];
        return {
          id,
          points: Math.max(...u.data.map((d) => d.length)),
          spike: values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0),
          yMax: u.scales.y.max,
          lastX: u.data[0][u.data[0].length - 1],
        };
      });
    }, TIME_CHARTS);
    // The x axis reads h:mm for a long run: hover and read the legend's time.
    await page.locator('#chart-rate .u-over').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-rate .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const time = await page
      .locator('#chart-rate .u-legend .u-series')
      .first()
      .locator('.u-value')
      .textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-90min.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
    for (const c of charts) {
      expect(c.points, c.id).toBeLessThanOrEqual(4000);
      expect(c.lastX, c.id).toBe(5400);
    }
    const rate = charts.find((c) => c.id === 'rate')!;
    expect(rate.spike).toBe(5000);
    expect(rate.yMax).toBeGreaterThanOrEqual(5000);
    expect(charts.find((c) => c.id === 'throttles')!.spike).toBe(5000);
    expect(time).toMatch(/^0:4[45]$/);
  });
});
