/**
 * The tables every report shows, as header + rows of already formatted cells, so the terminal
 * (cli-table3), Markdown and HTML renderers lay out identical figures. Pure.
 */
import type { LatencySummary, RunRecord, Totals } from '../record/run-record.js';
import { formatCount, formatGateValue, formatMs, formatPercent } from './format-values.js';

/** A table of formatted cells. */
export interface TextTable {
  header: string[];
  rows: string[][];
}

/** Gate verdict marks, plain ASCII so every terminal and CI log shows them. */
export const VERDICT_MARK = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' } as const;

function requestRow(name: string, t: Totals, l: LatencySummary | null | undefined): string[] {
  return [
    name,
    formatCount(t.sent),
    formatCount(t.ok),
    formatCount(t.throttled),
    formatCount(t.errors),
    formatCount(t.dropped),
    formatMs(l?.p50),
    formatMs(l?.p90),
    formatMs(l?.p95),
    formatMs(l?.p99),
    formatMs(l?.max),
  ];
}

/** requestsTable: one row per request name, then `all`. */
export function requestsTable(record: RunRecord): TextTable {
  const names = Object.keys(record.byRequest).sort();
  return {
    header: [
      'request',
      'sent',
      'ok',
      '429',
      'errors',
      'dropped',
      'p50',
      'p90',
      'p95',
      'p99',
      'max',
    ],
    rows: [
      ...names.map((n) => requestRow(n, record.byRequest[n], record.latencyMs.byRequest[n])),
      requestRow('all', record.totals, record.latencyMs.overall),
    ],
  };
}

/** statusTable: counts by status code and by transport error code, largest first. */
export function statusTable(record: RunRecord): TextTable {
  const sent = record.totals.sent;
  const entries: Array<[string, number]> = [
    ...Object.entries(record.totals.byStatus).map(([s, c]): [string, number] => [`HTTP ${s}`, c]),
    ...Object.entries(record.totals.byError),
  ];
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    header: ['outcome', 'count', 'share'],
    rows: entries.map(([k, c]) => [k, formatCount(c), formatPercent(sent > 0 ? c / sent : null)]),
  };
}

/** gatesTable: one row per gate in declaration order. */
export function gatesTable(record: RunRecord): TextTable {
  return {
    header: ['verdict', 'gate', 'observed', 'note'],
    rows: record.gates.map((g) => [
      VERDICT_MARK[g.verdict],
      g.expr,
      formatGateValue(g.expr, g.observed),
      g.note ?? '',
    ]),
  };
}
