/**
 * SeriesStore: the aws source's accumulating view of its CloudWatch series. Each read (trailing
 * window or final sweep) is merged in: values at the same timestamp are replaced by the newer
 * read, every other point is kept, so a failed or empty re-read never loses data. Mutable; owned
 * by one collector.
 */
import type { PlatformSeries } from '../record/run-record.js';
import type { FetchedPoints } from './fetch-metric-data.js';
import { mergePoints } from './merge-platform-series.js';
import { seriesKey, type MetricRequest, type SeriesTarget } from './metric-request.js';

interface Group {
  target: SeriesTarget;
  periodSec: number;
  values: Map<number, number[]>;
}

export class SeriesStore {
  private readonly series = new Map<string, PlatformSeries>();

  /** Merges one read. Requests feeding the same series combine per timestamp (sum or avg). */
  add(fetched: FetchedPoints): void {
    const grouped = new Map<string, Group>();
    for (const [req, points] of fetched) {
      const key = seriesKey(req.target);
      const entry: Group = grouped.get(key) ?? {
        target: req.target,
        periodSec: req.periodSec,
        values: new Map<number, number[]>(),
      };
      grouped.set(key, entry);
      for (const [t, v] of points) {
        const list = entry.values.get(t) ?? [];
        list.push(v * req.target.scale);
        entry.values.set(t, list);
      }
    }
    for (const [key, { target, periodSec, values }] of grouped) {
      const points: Array<[number, number]> = [...values.entries()].map(([t, vs]) => {
        const sum = vs.reduce((a, b) => a + b, 0);
        return [t, target.combine === 'avg' ? sum / vs.length : sum];
      });
      const prev = this.series.get(key);
      this.series.set(key, {
        name: target.name,
        labels: target.labels,
        source: 'aws',
        periodSec,
        stat: target.stat,
        unit: target.unit,
        points: mergePoints(prev?.points ?? [], points),
      });
    }
  }

  /** Series with at least one point, copied. */
  snapshot(): PlatformSeries[] {
    return [...this.series.values()]
      .filter((s) => s.points.length > 0)
      .map((s) => ({ ...s, points: [...s.points] }));
  }

  /** True when the request's series already has data (used to word "no data yet" warnings). */
  has(req: MetricRequest): boolean {
    return (this.series.get(seriesKey(req.target))?.points.length ?? 0) > 0;
  }
}
