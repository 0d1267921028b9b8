/**
 * The measured statistics in plain form: what a recorder (a worker's, or the simulator's) hands
 * on, and what buildRunRecord assembles the run record from. Plain data, so it crosses threads;
 * histograms travel encoded (see latency-histogram.ts).
 */
import type { Totals } from './run-record.js';

/** A closed per-second window in plain form (crosses threads). */
export interface WindowData {
  second: number;
  totals: Totals;
  latency: string | null;
  lateness: string | null;
}

/** Per-name or per-phase statistics in plain form. */
export interface SliceData {
  totals: Totals;
  latency: string | null;
}

/** Of a captured variable: 2xx replies of its capturing request whose path matched, or not. */
export interface CaptureCounts {
  matched: number;
  missed: number;
}

/** Everything a recorder knows at the end, in plain form. */
export interface RecorderData {
  byRequest: SliceData[];
  byPhase: SliceData[];
  lateness: string | null;
  /** Variable name -> capture counts; absent when nothing was captured from (the simulator). */
  captures?: Record<string, CaptureCounts>;
}
