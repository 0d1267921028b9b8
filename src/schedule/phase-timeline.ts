/**
 * The phase clock: where phases sit in time. Every module that asks "how long is the schedule",
 * "where does phase i start" or "which phase runs at t" asks here, so all of them agree on the
 * edges. Pure functions; times in ms since the schedule start (the run's start instant).
 *
 * Edge behaviour, the same everywhere:
 *  - Phases run one after another from t = 0, each over the half-open interval
 *    [start, start + durationMs): t == a phase's end is in the *next* phase, and t == the
 *    schedule's end is after the schedule.
 *  - A negative duration counts as 0; a zero-length phase covers no instant (it is never running),
 *    though it keeps its start and its index.
 *  - The schedule's timeline covers whole seconds [0, scheduleSeconds): a partial last second
 *    counts as a second.
 */
import type { Phase } from '../profile/types.js';

/** Total length of the schedule in ms (sum of the phase durations; negative ones count as 0). */
export function totalDurationMs(phases: readonly Phase[]): number {
  let total = 0;
  for (const phase of phases) total += Math.max(phase.durationMs, 0);
  return total;
}

/**
 * Number of timeline seconds the schedule covers: ceil(totalDurationMs / 1000), so seconds
 * 0 .. scheduleSeconds - 1 hold its arrivals (a 2.5 s schedule has 3, an empty one 0).
 */
export function scheduleSeconds(phases: readonly Phase[]): number {
  return Math.ceil(totalDurationMs(phases) / 1000);
}

/** Start of every phase in ms since the schedule start; a new array, one entry a phase. */
export function phaseStartsMs(phases: readonly Phase[]): number[] {
  const starts: number[] = [];
  let startMs = 0;
  for (const phase of phases) {
    starts.push(startMs);
    startMs += Math.max(phase.durationMs, 0);
  }
  return starts;
}

/** Start of phase `index` in ms since the schedule start (the schedule's end for index >= length). */
export function phaseStartMs(phases: readonly Phase[], index: number): number {
  let startMs = 0;
  for (let i = 0; i < index && i < phases.length; i++) startMs += Math.max(phases[i].durationMs, 0);
  return startMs;
}

/** Where each phase sits: kind, start and length (the run record's `phases[]` before statistics). */
export interface PhaseSpan {
  kind: Phase['kind'];
  /** ms since the schedule start. */
  startMs: number;
  /** ms, >= 0. */
  durationMs: number;
}

/** phaseSpans returns one PhaseSpan a phase, in order; a new array. */
export function phaseSpans(phases: readonly Phase[]): PhaseSpan[] {
  const starts = phaseStartsMs(phases);
  return phases.map((phase, i) => ({
    kind: phase.kind,
    startMs: starts[i],
    durationMs: Math.max(phase.durationMs, 0),
  }));
}

/**
 * Index of the phase running at `tMs` (a boundary belongs to the phase that starts there;
 * zero-length phases are never running), or -1 before 0 (and for NaN) and from the schedule end on.
 */
export function phaseAt(phases: readonly Phase[], tMs: number): number {
  if (!(tMs >= 0)) return -1;
  let endMs = 0;
  for (let i = 0; i < phases.length; i++) {
    endMs += Math.max(phases[i].durationMs, 0);
    if (tMs < endMs) return i;
  }
  return -1;
}

/**
 * The phase a request planned at `tMs` is counted in: phaseAt inside the schedule; before 0 the
 * first phase, from the schedule's end on the last one; 0 when there are no phases. Never -1, so
 * it always indexes per-phase statistics.
 */
export function clampedPhaseAt(phases: readonly Phase[], tMs: number): number {
  const index = phaseAt(phases, tMs);
  if (index >= 0) return index;
  return tMs >= totalDurationMs(phases) ? Math.max(0, phases.length - 1) : 0;
}
