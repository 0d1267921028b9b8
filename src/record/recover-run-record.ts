/**
 * recoverRunRecord: a record left `running` (the process was killed, crashed, or could not write
 * its final record) rebuilt from what survived: the lines of `timeline.ndjson`, each appended
 * whole once a second while the run went. The result has status `incomplete` and a
 * `statusReason` saying why and what was lost: totals, per-second series and per-phase counts come
 * from the timeline; latency percentiles over the whole run, per-request counts, bytes and
 * generator lateness cannot be rebuilt from per-second summaries and are null or empty. A torn
 * last line (the process died mid-append) and any unreadable line are skipped and counted.
 * Pure: takes the record and the timeline text; does not mutate the record.
 */
import {
  timelineEntrySchema,
  type RunRecord,
  type TimelineEntry,
  type Totals,
} from './run-record.js';
import { addTotals, emptyTotals } from './totals.js';

/** The timeline lines that parse, and how many did not. */
export function parseTimeline(text: string): { entries: TimelineEntry[]; skipped: number } {
  const entries: TimelineEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = timelineEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

/** recoverRunRecord: see the file comment. `timelineText` is null when the file is missing. */
export function recoverRunRecord(record: RunRecord, timelineText: string | null): RunRecord {
  const { entries, skipped } = parseTimeline(timelineText ?? '');
  const totals = emptyTotals();
  for (const e of entries) addTotals(totals, entryTotals(e));
  const lastSecond = entries.reduce((m, e) => Math.max(m, e.second), -1);
  const startMs = Date.parse(record.startedAt);
  const source =
    timelineText === null
      ? 'timeline.ndjson is missing, so nothing could be rebuilt'
      : `rebuilt from ${entries.length} second${entries.length === 1 ? '' : 's'} of timeline.ndjson` +
        (skipped > 0 ? ` (${skipped} unreadable line${skipped === 1 ? '' : 's'} skipped)` : '');
  return {
    ...record,
    status: 'incomplete',
    statusReason:
      'the run ended without writing its final record (killed, crashed or out of disk space); ' +
      `${source}; whole-run latency percentiles, per-request counts and generator lateness are lost`,
    endedAt: lastSecond >= 0 ? new Date(startMs + (lastSecond + 1) * 1000).toISOString() : null,
    totals,
    latencyMs: { overall: null, byRequest: {}, encodedHistogram: null },
    latenessMs: null,
    byRequest: {},
    phases: record.phases.map((p) => ({
      ...p,
      totals: entries
        .filter((e) => e.second * 1000 >= p.startMs && e.second * 1000 < p.startMs + p.durationMs)
        .reduce((t, e) => addTotals(t, entryTotals(e)), emptyTotals()),
      latencyMs: null,
    })),
    timeline: entries,
  };
}

function entryTotals(e: TimelineEntry): Totals {
  return {
    planned: e.planned,
    sent: e.sent,
    completed: e.completed,
    ok: e.ok,
    throttled: e.throttled,
    errors: e.errors,
    dropped: e.dropped,
    byStatus: { ...e.byStatus },
    byError: { ...e.byError },
    bytesReceived: 0,
    bytesSent: 0,
  };
}
