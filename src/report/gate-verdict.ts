/**
 * gateVerdict: the one-line verdict every report states about a run's gates, so the terminal,
 * Markdown and HTML reports agree with each other and with the exit code (DESIGN.md: unknown
 * verdicts fail the run unless `--allow-unknown`; a run that did not complete fails). Pure.
 */
import type { RunRecord } from '../record/run-record.js';

/** The counts behind the verdict and its sentence, e.g. "all gates passed (1 unknown, ...)". */
export interface GateVerdict {
  /**
   * True when the run passes: it completed, no gate failed, and none is unknown unless unknowns
   * are allowed.
   */
  passed: boolean;
  total: number;
  failed: number;
  unknown: number;
  /** Lower-case sentence without a final full stop. */
  sentence: string;
}

/** Renderer option: `--allow-unknown`; when omitted, the run record's own setting applies. */
export interface VerdictOptions {
  allowUnknown?: boolean;
}

/**
 * gateVerdict judges `record.gates`. `allowUnknown` defaults to the run's own setting
 * (`record.environment.allowUnknown`), so `flashcrowd report` reproduces the run's verdict.
 */
export function gateVerdict(record: RunRecord, allowUnknown?: boolean): GateVerdict {
  const allowed = allowUnknown ?? record.environment.allowUnknown ?? false;
  const total = record.gates.length;
  const failed = record.gates.filter((g) => g.verdict === 'fail').length;
  const unknown = record.gates.filter((g) => g.verdict === 'unknown').length;
  const gatesPassed = failed === 0 && (unknown === 0 || allowed);
  let sentence = `all ${total} gates passed`;
  if (gatesPassed && unknown > 0)
    sentence = `all gates passed (${unknown} unknown, allowed by --allow-unknown)`;
  else if (!gatesPassed) {
    const detail = unknown > 0 ? ` (${failed} failed, ${unknown} unknown)` : '';
    sentence = `${failed + unknown} of ${total} gates did not pass${detail}`;
  }
  // A run that did not complete never passes, whatever its gates say of the part that ran: its
  // exit code is not 0 and its JUnit file has a failing `run status` testcase.
  const completed = record.status === 'completed';
  if (!completed)
    sentence = gatesPassed
      ? `the run is ${record.status}, which does not pass (${sentence} on what it sent)`
      : `${sentence}; the run is ${record.status}`;
  return { passed: gatesPassed && completed, total, failed, unknown, sentence };
}
