/**
 * Totals arithmetic over the run record's plain counters: zeroed totals and their sum. Pure; used
 * by the recorder (merging workers' windows), the record builder and the simulator.
 */
import type { Totals } from './run-record.js';

/** emptyTotals returns zeroed totals. */
export function emptyTotals(): Totals {
  return {
    planned: 0,
    sent: 0,
    completed: 0,
    ok: 0,
    throttled: 0,
    errors: 0,
    dropped: 0,
    droppedBy: { inFlight: 0, late: 0 },
    byStatus: {},
    byError: {},
    aborted: 0,
    bytesReceived: 0,
    bytesSent: 0,
  };
}

/** addTotals adds `b` into `a` (mutates and returns `a`). */
export function addTotals(a: Totals, b: Totals): Totals {
  a.planned += b.planned;
  a.sent += b.sent;
  a.completed += b.completed;
  a.ok += b.ok;
  a.throttled += b.throttled;
  a.errors += b.errors;
  a.dropped += b.dropped;
  if (b.droppedBy) {
    const by = (a.droppedBy ??= { inFlight: 0, late: 0 });
    by.inFlight += b.droppedBy.inFlight;
    by.late += b.droppedBy.late;
  }
  if (b.aborted !== undefined) a.aborted = (a.aborted ?? 0) + b.aborted;
  a.bytesReceived += b.bytesReceived;
  a.bytesSent += b.bytesSent;
  for (const [k, v] of Object.entries(b.byStatus)) a.byStatus[k] = (a.byStatus[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.byError)) a.byError[k] = (a.byError[k] ?? 0) + v;
  return a;
}
