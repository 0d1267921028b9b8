/**
 * createModelCollector: the `model` source. The embedded target's scaling model already computes
 * every platform series in its own clock; this collector only asks for them at stop (and on
 * `sample`, so a live view can show them), tagging nothing: the model labels its own series.
 */
import type { PlatformSeries } from '../record/run-record.js';
import type { Collector, CollectorResult } from './collector.js';

/**
 * Wraps `fetch` (typically `() => target.platformSeries().then((series) => ({ series }))`).
 * A failing fetch becomes a warning, never an exception. `latest()` is not part of the
 * Collector interface; the returned object also exposes the last series fetched for live views.
 */
export function createModelCollector(
  fetch: () => Promise<{ series: PlatformSeries[] }>,
): Collector & { latest(): PlatformSeries[] } {
  let last: PlatformSeries[] = [];
  const warnings: string[] = [];

  async function pull(): Promise<void> {
    try {
      last = (await fetch()).series;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const warning = `model: could not read the platform series from the embedded target: ${message}`;
      if (!warnings.includes(warning)) warnings.push(warning);
    }
  }

  return {
    source: 'model',
    start: () => Promise.resolve(),
    sample: () => pull(),
    async stop(): Promise<CollectorResult> {
      await pull();
      return { series: last, warnings: [...warnings] };
    },
    latest: () => last,
  };
}
