/**
 * ProgressView: the live view of a run. On a TTY it redraws one status block once a second; off a
 * TTY it prints a plain line every few seconds. Rendering is pure (renderProgressLine); the class
 * only decides when and where to write.
 */
import type { LiveSnapshot } from '../../generator/coordinator.js';
import type { TimelineEntry, Totals } from '../../record/run-record.js';

export interface ProgressState {
  elapsedMs: number;
  totalMs: number;
  targetRatePerSec: number;
  achievedRatePerSec: number;
  inFlight: number;
  totals: Totals;
  last: TimelineEntry | null;
}

function classCount(totals: Totals, lo: number, hi: number, except?: number): number {
  let n = 0;
  for (const [k, v] of Object.entries(totals.byStatus)) {
    const s = Number(k);
    if (s >= lo && s < hi && s !== except) n += v;
  }
  return n;
}

/** formatClock: milliseconds as m:ss, for progress lines. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** renderProgressLine: one line of live status, e.g. for a log or the TTY block. */
export function renderProgressLine(p: ProgressState): string {
  const t = p.totals;
  const transport = Object.values(t.byError).reduce((a, b) => a + b, 0);
  const lat = p.last?.latencyMs;
  return [
    p.elapsedMs > p.totalMs
      ? `${formatClock(p.totalMs)}/${formatClock(p.totalMs)} draining`
      : `${formatClock(p.elapsedMs)}/${formatClock(p.totalMs)}`,
    `rate ${Math.round(p.achievedRatePerSec)}/${Math.round(p.targetRatePerSec)} req/s`,
    `in flight ${p.inFlight}`,
    lat ? `p50 ${lat.p50.toFixed(0)}ms p99 ${lat.p99.toFixed(0)}ms` : 'p50 - p99 -',
    `2xx ${classCount(t, 200, 300)} 4xx ${classCount(t, 400, 500, 429)} 429 ${t.throttled} 5xx ${classCount(t, 500, 600)} err ${transport}`,
    `dropped ${t.dropped}`,
  ].join(' | ');
}

export class ProgressView {
  private lastSent = 0;
  private lastAtMs = 0;
  private lastEntry: TimelineEntry | null = null;
  private lastPlainMs = 0;
  private drawn = false;

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly tty: boolean,
    private readonly totalMs: number,
    private readonly targetRateAt: (tMs: number) => number,
    private readonly plainEveryMs = 5000,
  ) {}

  /** entry remembers the newest complete second (for its percentiles). */
  entry(e: TimelineEntry): void {
    this.lastEntry = e;
  }

  /** update draws (TTY) or logs (plain, every few seconds) the live state. */
  update(s: LiveSnapshot): void {
    const dtSec = Math.max(0.001, (s.elapsedMs - this.lastAtMs) / 1000);
    const achieved = (s.totals.sent - this.lastSent) / dtSec;
    this.lastSent = s.totals.sent;
    this.lastAtMs = s.elapsedMs;
    const line = renderProgressLine({
      elapsedMs: s.elapsedMs,
      totalMs: this.totalMs,
      targetRatePerSec: this.targetRateAt(Math.max(0, s.elapsedMs - 500)),
      achievedRatePerSec: achieved,
      inFlight: s.inFlight,
      totals: s.totals,
      last: this.lastEntry,
    });
    if (this.tty) {
      this.out.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else if (s.elapsedMs - this.lastPlainMs >= this.plainEveryMs) {
      this.lastPlainMs = s.elapsedMs;
      this.out.write(`${line}\n`);
    }
  }

  /** done ends the TTY line so later output starts on a fresh line. */
  done(): void {
    if (this.tty && this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
