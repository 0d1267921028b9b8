/**
 * Written phases -> normalized Phases: durations in ms, ramps given their start rate, traces
 * read (through the injected readFile), scaled and checked. Pure apart from that injected read.
 */
import { resolve } from 'node:path';
import type { Issue } from '../errors.js';
import { durationToMs } from './duration.js';
import type { WrittenPhase } from './phase-schema.js';
import { parseTrendPerHour } from './phase-schema.js';
import { parseTrace, type TraceResult } from './trace-file.js';
import type { Phase } from './types.js';

/** Where trace files are read from. */
export interface TraceReader {
  /** Folder that relative trace paths are resolved against (the profile's folder). */
  baseDir: string;
  /** Reads a file as UTF-8; throws when it cannot. */
  readFile: (path: string) => string;
  /** Reads and parses a trace in one go (streamed; read-trace-file.ts); readFile when absent. */
  readTrace?: (path: string, fileName: string) => TraceResult;
}

/**
 * Normalizes schema-valid phases. A trace that cannot be read gives an issue at
 * `load.phases[i].trace.file` and a phase with no points, so later rules still run.
 */
export function normalizePhases(
  written: WrittenPhase[],
  reader: TraceReader,
): { phases: Phase[]; issues: Issue[] } {
  const phases: Phase[] = [];
  const issues: Issue[] = [];
  let previousFinalPerSec = 0;
  written.forEach((phase, index) => {
    const normalized = normalizePhase(
      phase,
      previousFinalPerSec,
      reader,
      `load.phases[${index}]`,
      issues,
    );
    phases.push(normalized);
    previousFinalPerSec = finalRatePerSec(normalized);
  });
  return { phases, issues };
}

function ms(value: number | string | undefined): number {
  return value === undefined ? 0 : (durationToMs(value) ?? 0);
}

function normalizePhase(
  phase: WrittenPhase,
  fromPerSec: number,
  reader: TraceReader,
  path: string,
  issues: Issue[],
): Phase {
  const durationMs = ms(phase.duration);
  if (phase.rampTo !== undefined)
    return { kind: 'ramp', durationMs, fromPerSec, toPerSec: phase.rampTo };
  if (phase.pulses) {
    const { every, width, rate, base } = phase.pulses;
    return {
      kind: 'pulses',
      durationMs,
      everyMs: ms(every),
      widthMs: ms(width),
      ratePerSec: rate,
      basePerSec: base,
    };
  }
  if (phase.wave) {
    const { mean, peakToMean, period, trend, noise } = phase.wave;
    const trendPerHour = parseTrendPerHour(trend) ?? 0;
    return {
      kind: 'wave',
      durationMs,
      meanPerSec: mean,
      peakToMean,
      periodMs: ms(period),
      trendPerHour,
      noise,
    };
  }
  if (phase.trace) return tracePhase(phase, reader, path, issues);
  if (phase.users !== undefined) return { kind: 'users', durationMs, users: phase.users };
  return { kind: 'constant', durationMs, ratePerSec: phase.rate ?? 0 };
}

function tracePhase(
  phase: WrittenPhase,
  reader: TraceReader,
  path: string,
  issues: Issue[],
): Phase {
  const { file, timeScale, rateScale } = phase.trace!;
  const empty: Phase = { kind: 'trace', durationMs: ms(phase.duration), source: file, points: [] };
  let trace: TraceResult;
  try {
    const absolute = resolve(reader.baseDir, file);
    trace = reader.readTrace
      ? reader.readTrace(absolute, file)
      : parseTrace(reader.readFile(absolute), file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : `cannot read it (${String(code ?? error)})`;
    issues.push({
      path: `${path}.trace.file`,
      message: `${file}: ${reason}`,
      hint: `paths are relative to ${reader.baseDir}`,
    });
    return empty;
  }
  if (!trace.ok) {
    issues.push({ path: `${path}.trace.file`, message: trace.message, hint: trace.hint });
    return empty;
  }
  const points = trace.points.map(([tSec, rate]): [number, number] => [
    tSec * 1_000 * timeScale,
    rate * rateScale,
  ]);
  const durationMs =
    phase.duration === undefined ? points[points.length - 1][0] : ms(phase.duration);
  if (durationMs <= 0) {
    issues.push({
      path: `${path}.duration`,
      message: 'is required: the trace ends at t = 0',
      hint: 'e.g. duration: 60s',
    });
  }
  return { kind: 'trace', durationMs, source: file, points };
}

/**
 * The arrival rate at the end of a phase (noise left out), where the next `rampTo` starts.
 * Closed-model phases end at 0.
 */
export function finalRatePerSec(phase: Phase): number {
  switch (phase.kind) {
    case 'constant':
      return phase.ratePerSec;
    case 'ramp':
      return phase.toPerSec;
    case 'pulses': {
      // The rate in effect just before the end: position in the cycle in (0, everyMs].
      const position = phase.durationMs % phase.everyMs || phase.everyMs;
      return position <= phase.widthMs ? phase.ratePerSec : phase.basePerSec;
    }
    case 'wave': {
      const hours = phase.durationMs / 3_600_000;
      const sine = Math.sin((2 * Math.PI * phase.durationMs) / phase.periodMs);
      const rate =
        phase.meanPerSec * (1 + phase.trendPerHour * hours) * (1 + (phase.peakToMean - 1) * sine);
      return Math.max(0, rate);
    }
    case 'trace': {
      const held = phase.points.filter(([tMs]) => tMs < phase.durationMs);
      return held.length > 0 ? held[held.length - 1][1] : 0;
    }
    case 'users':
      return 0;
  }
}
