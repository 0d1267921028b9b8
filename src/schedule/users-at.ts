/**
 * Closed model: how many virtual users are active. Pure.
 */
import type { Phase } from '../profile/types.js';
import { phaseAt } from './phase-timeline.js';

/**
 * Virtual users active at `tMs` since the schedule start: the `users` of the closed-model phase
 * running then; 0 outside the schedule and in open-model (arrival-rate) phases.
 */
export function usersAt(phases: readonly Phase[], tMs: number): number {
  const index = phaseAt(phases, tMs);
  if (index < 0) return 0;
  const phase = phases[index];
  return phase.kind === 'users' ? phase.users : 0;
}

/** Highest number of virtual users of any phase (0 when there are no `users` phases). */
export function maxUsers(phases: readonly Phase[]): number {
  let max = 0;
  for (const phase of phases) {
    if (phase.kind === 'users' && phase.durationMs > 0) max = Math.max(max, phase.users);
  }
  return max;
}
