/**
 * loadChartAssets: the uPlot chart library (MIT, https://github.com/leeoniya/uPlot) read from
 * node_modules, so the HTML report can inline it and open offline. Reads two files once and
 * caches them; the only I/O the HTML renderer does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The script and stylesheet to inline. */
export interface ChartAssets {
  js: string;
  css: string;
}

let cached: ChartAssets | undefined;

/** loadChartAssets resolves `uplot/dist/uPlot.iife.min.js` and its CSS from this package. */
export function loadChartAssets(): ChartAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  cached = { js, css };
  return cached;
}
