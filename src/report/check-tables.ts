/**
 * The tables of response checks and flows, as formatted cells for every renderer (empty rows
 * when the record has none, and then renderers leave the section out). Pure.
 */
import type { RunRecord } from '../record/run-record.js';
import { formatCount, formatMs, formatPercent } from './format-values.js';
import type { TextTable } from './report-tables.js';

/** checksTable: one row per request and check, failed counts first-class. */
export function checksTable(record: RunRecord): TextTable {
  const rows: string[][] = [];
  for (const [request, counts] of Object.entries(record.checks?.byRequest ?? {})) {
    for (const c of counts.checks) {
      const total = c.passed + c.failed;
      rows.push([
        request,
        c.name,
        formatCount(c.passed),
        formatCount(c.failed),
        formatPercent(total > 0 ? c.failed / total : null),
      ]);
    }
  }
  return { header: ['request', 'check', 'passed', 'failed', 'failure rate'], rows };
}

/** flowsTable: one row per flow: iterations, how they ended, durations and checks. */
export function flowsTable(record: RunRecord): TextTable {
  return {
    header: [
      'flow',
      'iterations',
      'completed',
      'dropped',
      'failed',
      'p50',
      'p95',
      'p99',
      'checks failed',
    ],
    rows: (record.flows ?? []).map((f) => [
      f.name,
      formatCount(f.iterations),
      formatCount(f.completed),
      formatCount(f.dropped),
      formatCount(f.failed),
      formatMs(f.durationMs?.p50),
      formatMs(f.durationMs?.p95),
      formatMs(f.durationMs?.p99),
      `${formatCount(f.checks.failed)} of ${formatCount(f.checks.passed + f.checks.failed)}`,
    ]),
  };
}
