/**
 * The live view driven as RunSession drives it (merged seconds plus live counters) into a fake
 * terminal stream: every redraw fits the width, leaves no residue, and shows each completed
 * second's own rate and percentiles.
 */
import { describe, expect, it } from 'vitest';
import { renderProgressLine, ProgressView } from '../../src/cli/run/progress-view.js';
import type { TimelineEntry, Totals } from '../../src/record/run-record.js';
import { emptyTotals } from '../../src/record/totals.js';
import { ANSI_PATTERN } from '../../src/report/text-style.js';

function second(s: number, sent: number, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    second: s,
    planned: sent,
    sent,
    completed: sent,
    ok: sent,
    throttled: 0,
    errors: 0,
    dropped: 0,
    byStatus: { '200': sent },
    byError: {},
    latencyMs: { count: sent, p50: 12.4, p90: 30, p99: 812.6, p999: 900, max: 1500, mean: 20 },
    latenessP99Ms: 1,
    ...extra,
  };
}

function busyTotals(): Totals {
  return {
    ...emptyTotals(),
    planned: 1_234_567,
    sent: 1_234_000,
    completed: 1_233_000,
    ok: 1_200_000,
    throttled: 23_456,
    errors: 9_544,
    dropped: 567,
    byStatus: { '200': 1_200_000, '404': 1_000, '429': 23_456, '503': 8_000 },
    byError: { ECONNRESET: 544 },
  };
}

/** A fake terminal: records what a cursor-addressed screen line would show after each write. */
class FakeTerminal {
  readonly isTTY = true;
  screen = '';
  cursor = 0;
  readonly longest: number[] = [];
  readonly writes: string[] = [];
  constructor(public columns: number) {}
  write(s: string): boolean {
    this.writes.push(s);
    for (const ch of s) {
      if (ch === '\r') this.cursor = 0;
      else if (ch === '\n') {
        this.screen = '';
        this.cursor = 0;
      } else {
        this.screen = this.screen.slice(0, this.cursor) + ch + this.screen.slice(this.cursor + 1);
        this.cursor++;
      }
      this.longest.push(this.cursor);
    }
    return true;
  }
}

describe('renderProgressLine', () => {
  const state = {
    elapsedMs: 5_412_000,
    totalMs: 5_400_000 + 60_000,
    second: second(5411, 1_499),
    inFlight: 4_321,
    totals: busyTotals(),
  };
  it.each([40, 60, 79, 80, 99, 100, 120, 160, 200])('fits %i columns (minus one)', (width) => {
    const line = renderProgressLine(state, { width, color: false });
    expect(line.length).toBeLessThanOrEqual(width - 1);
    expect(line).toContain('1,499/1,499 req/s');
  });
  it('shows the full outcome breakdown from 100 columns, the short form below', () => {
    const wide = renderProgressLine(state, { width: 160, color: false });
    expect(wide).toMatch(/2xx 1,200,000 4xx 1,000 429 23,456 5xx 8,000 err 544/);
    expect(wide).toMatch(/in flight 4,321/);
    expect(wide).toMatch(/dropped 567/);
    const narrow = renderProgressLine(
      { ...state, elapsedMs: 96_000, totalMs: 300_000 },
      { width: 80, color: false },
    );
    expect(narrow).not.toMatch(/2xx/);
    expect(narrow).toMatch(/ok 97.3% 429 23k err 9,544/);
    expect(narrow).toMatch(/p50 12ms p99 813ms/);
  });
  it('colours 429 and errors only when asked, and the width ignores the colour codes', () => {
    const colored = renderProgressLine(state, { width: 80, color: true });
    expect(colored).toContain('\u001b[');
    expect(colored.replace(ANSI_PATTERN, '')).toBe(
      renderProgressLine(state, { width: 80, color: false }),
    );
  });
  it('counts down to a --start-at instant before the traffic starts', () => {
    const waiting = { elapsedMs: -64_200, totalMs: 300_000, second: null, inFlight: 0 };
    const line = renderProgressLine(
      { ...waiting, totals: emptyTotals() },
      { width: 120, color: false },
    );
    expect(line).toMatch(/^starts in 1:05 \| -\/- req\/s/);
  });
  it('names the second shown when it trails the clock (slow replies)', () => {
    const line = renderProgressLine(
      { ...state, elapsedMs: 100_000, totalMs: 200_000, second: second(95, 1000) },
      { width: 120, color: false },
    );
    expect(line).toContain('1,000/1,000 req/s at 1:35');
  });
});

/** A live view of a one-minute run on `term`, a TTY, without colour, at the clock `now`. */
function ttyView(term: FakeTerminal, now: () => number): ProgressView {
  return new ProgressView({ out: term, tty: true, color: false, totalMs: 60_000, elapsedMs: now });
}

describe('ProgressView on a fake 80-column terminal', () => {
  it('draws each merged second in place, within 79 columns, without residue', () => {
    const term = new FakeTerminal(80);
    let now = 0;
    const view = ttyView(term, () => now);
    for (let s = 0; s < 20; s++) {
      now = (s + 1) * 1000 + 200;
      // A long line (drops, errors) then a short one: the short one must blank the long one.
      const heavy = s % 2 === 0;
      view.update({
        elapsedMs: now,
        inFlight: heavy ? 12_345 : 1,
        totals: heavy ? busyTotals() : { ...emptyTotals(), sent: 5, completed: 5, ok: 5 },
      });
      view.entry(second(s, heavy ? 1000 : 7));
      expect(term.screen.trimEnd()).toMatch(
        heavy ? /1,000\/1,000 req\/s/ : /^0:\d\d\/1:00 \| 7\/7 req\/s/,
      );
      expect(term.screen.trimEnd()).not.toMatch(/req\/s.*req\/s/);
    }
    view.done();
    expect(Math.max(...term.longest)).toBeLessThanOrEqual(79);
    expect(term.writes.join('')).not.toContain('\u001b');
  });

  it('redraws on live counters only when no second has completed for 1.5 s', () => {
    const term = new FakeTerminal(80);
    let now = 1200;
    const view = ttyView(term, () => now);
    view.entry(second(0, 1000));
    const afterEntry = term.writes.length;
    now = 2000;
    view.update({ elapsedMs: now, inFlight: 3, totals: emptyTotals() });
    expect(term.writes.length).toBe(afterEntry);
    now = 2800;
    view.update({ elapsedMs: now, inFlight: 3, totals: emptyTotals() });
    expect(term.writes.length).toBe(afterEntry + 1);
    expect(term.screen).toMatch(/^0:02\/1:00 \| 1,000\/1,000 req\/s/);
  });

  it('counts down at every live update before a --start-at instant', () => {
    const term = new FakeTerminal(80);
    let now = -3_000;
    const view = ttyView(term, () => now);
    const shown: string[] = [];
    for (; now < 0; now += 1000) {
      view.update({ elapsedMs: now, inFlight: 0, totals: emptyTotals() });
      shown.push(term.screen.trimEnd().split(' | ')[0]);
    }
    expect(shown).toEqual(['starts in 0:03', 'starts in 0:02', 'starts in 0:01']);
  });

  it('fits a line printed between redraws (a warning) to the width, at spaces, words whole', () => {
    const warning =
      'warning: capture noteId (json $.id on createNote) matched none of 10 2xx replies; requests that read {{noteId}} run createNote instead (gate: captures.unfilled == 0)';
    const view = (columns: number, tty: boolean) =>
      new ProgressView({
        out: new FakeTerminal(columns),
        tty,
        color: false,
        totalMs: 60_000,
        elapsedMs: () => 0,
      });
    const lines = view(80, true).fit(warning).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
    expect(lines.join(' ')).toBe(warning);
    for (const l of view(50, true).fit(warning).split('\n'))
      expect(l.length).toBeLessThanOrEqual(49);
    // Off a terminal (a CI log) the line stays whole, for grep.
    expect(view(80, false).fit(warning)).toBe(warning);
  });

  it('off a terminal prints a plain line every 5 s of the run', () => {
    const lines: string[] = [];
    let now = 0;
    const view = new ProgressView({
      out: { write: (s: string) => lines.push(s) },
      tty: false,
      color: false,
      totalMs: 60_000,
      elapsedMs: () => now,
    });
    for (let s = 0; s < 12; s++) {
      now = (s + 1) * 1000 + 100;
      view.entry(second(s, 100));
    }
    expect(lines.map((l) => l.slice(0, 4))).toEqual(['0:01', '0:06', '0:11']);
    for (const l of lines) expect(l.endsWith('\n')).toBe(true);
  });
});
