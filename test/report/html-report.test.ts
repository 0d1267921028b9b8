/**
 * The HTML report opened in real headless Chromium (Debian's `chromium`), offline: every chart
 * must have drawn something and the console must show no errors. A screenshot is kept in
 * test-artifacts/ for a human to look at. Skipped loudly without Chromium; fails under CI=true.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html-report.js';
import { reportRecord } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

/** The few DOM shapes the page script below touches (the project compiles without DOM types). */
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
const haveChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

if (!haveChromium) {
  const message = `\n!!! SKIPPING the HTML report browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`;
  process.stderr.write(message);
  if (process.env.CI === 'true') throw new Error(`${message}(CI=true: Chromium is required)`);
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

  it('draws every chart offline with no console errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(reportRecord()));
    const page = await context.newPage();
    const problems: string[] = [];
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

    const charts = await page.$$eval('.chart', (nodes) =>
      (nodes as unknown as ChartElement[]).map((el) => {
        const canvas = el.querySelector('canvas');
        // Count pixels in a series color (blue, green, red, amber, violet), not grid or axes.
        const colors = [
          [37, 99, 235],
          [22, 163, 74],
          [220, 38, 38],
          [217, 119, 6],
          [124, 58, 237],
        ];
        let inked = 0;
        if (canvas) {
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4) {
            const near = colors.some(
              ([r, g, b]) =>
                Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60,
            );
            if (data[i + 3] > 200 && near) inked++;
          }
        }
        return {
          id: el.id,
          drawn: el.getAttribute('data-drawn'),
          hasCanvas: canvas !== null,
          inked,
        };
      }),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.close();

    expect(problems).toEqual([]);
    expect(charts.map((c) => c.id)).toEqual([
      'chart-rate',
      'chart-latency',
      'chart-status',
      'chart-throttles',
      'chart-concurrency',
      'chart-instances',
      'chart-cpu',
      'chart-cost-curve',
    ]);
    for (const c of charts) {
      expect(c, c.id).toMatchObject({ drawn: 'true', hasCanvas: true });
      expect(c.inked, `${c.id} drew no series line`).toBeGreaterThan(50);
    }
  });
});
