/**
 * ProgressView: the live view of a run. It draws when the coordinator's merged timeline completes
 * a second (`entry`), so the rate and percentiles shown are those of that whole second, never a
 * difference of counters sampled on another timer. Live counters (`update`) only refresh the
 * totals and the in-flight count; they redraw the line only when no second has completed for a
 * while (a stalled target), so the clock keeps moving. On a TTY the line is redrawn in place: a
 * carriage return, the new line, and spaces over whatever the previous line had beyond it (no
 * residue, and no escape sequence: uncoloured output is plain text). The line always fits the
 * terminal's current width minus one column, so it never wraps; so do the lines printed between
 * redraws (warnings, signals), wrapped at spaces (`fit`). Off a TTY a plain line is printed every
 * few seconds, and other lines are left as they are. Rendering is pure (renderProgressLine).
 */
import type { LiveSnapshot } from '../../generator/coordinator.js';
import type { TimelineEntry, Totals } from '../../record/run-record.js';
import { emptyTotals } from '../../record/totals.js';
import { visibleLength } from '../../report/text-style.js';
import { wrap } from '../../report/wrap.js';
import { renderProgressLine } from './progress-line.js';

export { formatClock, renderProgressLine, type ProgressState } from './progress-line.js';

/** Where the view writes: a terminal reports its width in `columns`. */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressViewOptions {
  out: ProgressStream;
  /** Redraw in place (a terminal) or print plain lines. */
  tty: boolean;
  color: boolean;
  totalMs: number;
  /** Wall time since the run's start instant, read at each draw. */
  elapsedMs: () => number;
  /** Plain mode: at most one line per this many ms of the run (Infinity: none). */
  plainEveryMs?: number;
}

/** A live update redraws only when no completed second has been drawn for this long. */
const STALL_REDRAW_MS = 1500;
/** Width assumed for plain lines and for a terminal that does not report one. */
const DEFAULT_WIDTH = 100;

export class ProgressView {
  private second: TimelineEntry | null = null;
  private totals: Totals = emptyTotals();
  private inFlight = 0;
  private lastDrawAtMs = -Infinity;
  private lastPlainMs = -Infinity;
  private drawn = false;
  private drawnLength = 0;

  constructor(private readonly o: ProgressViewOptions) {}

  /** entry takes the newest merged second and draws it. */
  entry(e: TimelineEntry): void {
    this.second = e;
    this.draw();
  }

  /**
   * update takes the live counters; redraws when the timeline has stalled, and at every update
   * before a --start-at instant (the countdown: no second has been merged yet).
   */
  update(s: LiveSnapshot): void {
    this.totals = s.totals;
    this.inFlight = s.inFlight;
    const now = this.o.elapsedMs();
    if (now < 0 || now - this.lastDrawAtMs >= STALL_REDRAW_MS) this.draw();
  }

  /**
   * fit: a line printed while the view runs (call done() first), as it should be written: on a
   * TTY wrapped at spaces to the width the live line is drawn in, words whole; else unchanged.
   */
  fit(text: string): string {
    return this.o.tty ? wrap(text, this.width() - 1) : text;
  }

  /** done ends the TTY line so later output starts on a fresh line. */
  done(): void {
    if (this.o.tty && this.drawn) this.o.out.write('\n');
    this.drawn = false;
    this.drawnLength = 0;
  }

  private draw(): void {
    const elapsedMs = this.o.elapsedMs();
    this.lastDrawAtMs = elapsedMs;
    const state = {
      elapsedMs,
      totalMs: this.o.totalMs,
      second: this.second,
      inFlight: this.inFlight,
      totals: this.totals,
    };
    if (this.o.tty) {
      const width = this.width();
      const line = renderProgressLine(state, { width, color: this.o.color });
      const length = visibleLength(line);
      // Blank what the previous line had beyond this one, within the current width.
      const blank = Math.max(0, Math.min(this.drawnLength, width - 1) - length);
      this.o.out.write(`\r${line}${' '.repeat(blank)}`);
      this.drawnLength = length;
      this.drawn = true;
      return;
    }
    if (elapsedMs - this.lastPlainMs < (this.o.plainEveryMs ?? 5000)) return;
    this.lastPlainMs = elapsedMs;
    const line = renderProgressLine(state, { width: DEFAULT_WIDTH, color: false });
    this.o.out.write(`${line}\n`);
  }

  /** The terminal's current width, read at each use (it may be resized during the run). */
  private width(): number {
    return this.o.out.columns || DEFAULT_WIDTH;
  }
}
