/**
 * Where phases sit in time: phases run one after another from t = 0, each over the half-open
 * interval [start, start + durationMs). Times in ms since the schedule start. Pure functions.
 */
import type { Phase } from '../profile/types.js';

/** Total length of the schedule in ms (sum of the phase durations; negative ones count as 0). */
export function totalDurationMs(phases: readonly Phase[]): number {
  let total = 0;
  for (const phase of phases) total += Math.max(phase.durationMs, 0);
  return total;
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

/**
 * Index of the phase running at `tMs` (a boundary belongs to the phase that starts there;
 * zero-length phases are never running), or -1 before 0 and from the schedule end on.
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
