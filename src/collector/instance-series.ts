/**
 * instanceSeries: turns live EC2 samples into platform series. `lmi.instances` is the number of
 * pending or running instances at each sample. `lmi.instance_seconds` (one series per instance
 * type, cumulative) integrates them: an instance active at sample k counts for the time since
 * max(previous sample, its LaunchTime, the run start), so the error is at most one sampling
 * interval per start or stop. Pure.
 */
import type { PlatformSeries } from '../record/run-record.js';

/** One DescribeInstances sample: the active instances of the provider at `tMs` (epoch ms). */
export interface InstanceSample {
  tMs: number;
  active: Array<{ id: string; type: string; launchMs?: number }>;
}

export interface InstanceSeriesOptions {
  provider: string;
  runStartMs: number;
  /** The sampling interval, recorded as the series period. */
  periodSec: number;
  /** vCPUs and memory per instance type (from DescribeInstanceTypes), added as labels. */
  types: Map<string, { vcpus?: number; memoryMiB?: number }>;
}

/** See the file comment. Returns no series when there are no samples. */
export function instanceSeries(
  samples: InstanceSample[],
  options: InstanceSeriesOptions,
): PlatformSeries[] {
  if (samples.length === 0) return [];
  const sorted = [...samples].sort((a, b) => a.tMs - b.tMs);
  const base = { source: 'aws' as const, periodSec: options.periodSec };
  const count: PlatformSeries = {
    ...base,
    name: 'lmi.instances',
    labels: { capacityProvider: options.provider },
    stat: 'Count',
    unit: 'Count',
    points: sorted.map((s) => [s.tMs, s.active.length]),
  };
  const secondsByType = new Map<string, number>();
  const pointsByType = new Map<string, Array<[number, number]>>();
  let prevMs = options.runStartMs;
  for (const s of sorted) {
    for (const i of s.active) {
      const fromMs = Math.max(prevMs, i.launchMs ?? prevMs, options.runStartMs);
      const addSec = Math.max(0, s.tMs - fromMs) / 1000;
      secondsByType.set(i.type, (secondsByType.get(i.type) ?? 0) + addSec);
    }
    for (const [type, sec] of secondsByType) {
      const points = pointsByType.get(type) ?? [];
      points.push([s.tMs, sec]);
      pointsByType.set(type, points);
    }
    prevMs = Math.max(prevMs, s.tMs);
  }
  const perType: PlatformSeries[] = [...pointsByType.entries()].map(([type, points]) => {
    const spec = options.types.get(type) ?? {};
    const labels: Record<string, string> = {
      capacityProvider: options.provider,
      instanceType: type,
    };
    if (spec.vcpus !== undefined) labels.vcpus = String(spec.vcpus);
    if (spec.memoryMiB !== undefined) labels.memoryMiB = String(spec.memoryMiB);
    return { ...base, name: 'lmi.instance_seconds', labels, stat: 'Sum', unit: 'Seconds', points };
  });
  return [count, ...perType];
}
