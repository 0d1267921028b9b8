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

const NUMERIC = /^(-|[<>]?[-+$]?[\d,.]+\s?(%|ms|s|k|pp)?)$/;

/** isNumericColumn: every cell of column `i` reads as a number (or `-`), for right-alignment. */
export function isNumericColumn(t: TextTable, i: number): boolean {
  return t.rows.length > 0 && t.rows.every((r) => NUMERIC.test((r[i] ?? '').trim()));
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

/**
 * A percentile of a latency summary that the record may not carry (p95 arrives with a later
 * schema; older records lack it): null when absent.
 */
export function percentileOf(l: LatencySummary | null | undefined, key: string): number | null {
  const v = l ? (l as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A number with thousands separators and one decimal below 100: `1,234`, `45.5`; `-` for null. */
export function formatPlain(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

/** A share as a percentage with one decimal that never rounds to 100 or 0 unless it is. */
function okPercent(share: number): string {
  if (share >= 1) return '100';
  if (share <= 0) return '0';
  const pct = Math.round(share * 1000) / 10;
  if (pct >= 100) return '99.9';
  if (pct <= 0) return '<0.1';
  return pct.toFixed(1);
}

function summaryRow(name: string, t: Totals, l: LatencySummary | null | undefined): string[] {
  return [
    name,
    formatCount(t.sent),
    t.sent > 0 ? okPercent(t.ok / t.sent) : '-',
    ...['p50', 'p95', 'p99', 'max'].map((k) => formatPlain(percentileOf(l, k))),
  ];
}

/**
 * summaryTable: the one table of the short reports: per request name (then `all`) the count sent,
 * the share that succeeded and the latency percentiles, units once in the header.
 */
export function summaryTable(record: RunRecord): TextTable {
  const names = Object.keys(record.byRequest).sort();
  return {
    header: ['request', 'count', 'ok %', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    rows: [
      ...names.map((n) => summaryRow(n, record.byRequest[n], record.latencyMs.byRequest[n])),
      summaryRow('all', record.totals, record.latencyMs.overall),
    ],
  };
}

/** outcomeEntries: counts by status code and transport error, largest first. */
export function outcomeEntries(record: RunRecord): Array<[label: string, count: number]> {
  const entries: Array<[string, number]> = [
    ...Object.entries(record.totals.byStatus).map(([s, c]): [string, number] => [`HTTP ${s}`, c]),
    ...Object.entries(record.totals.byError),
  ];
  return entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** outcomesLine: `HTTP 200 950 (95%) · HTTP 429 30 (3%) · ...` (every outcome, one sentence). */
export function outcomesLine(record: RunRecord): string {
  const sent = record.totals.sent;
  const parts = outcomeEntries(record).map(
    ([k, c]) => `${k} ${formatCount(c)} (${formatPercent(sent > 0 ? c / sent : null)})`,
  );
  return parts.length > 0 ? parts.join(' · ') : 'nothing sent';
}

/** statusTable: counts by status code and by transport error code, largest first. */
export function statusTable(record: RunRecord): TextTable {
  const sent = record.totals.sent;
  const entries = outcomeEntries(record);
  return {
    header: ['outcome', 'count', 'share'],
    rows: entries.map(([k, c]) => [k, formatCount(c), formatPercent(sent > 0 ? c / sent : null)]),
  };
}

/** gatesTable: one row per gate in declaration order. */
export function gatesTable(record: RunRecord): TextTable {
  return {
    header: ['verdict', 'gate', 'observed', 'threshold', 'note'],
    rows: record.gates.map((g) => [
      VERDICT_MARK[g.verdict],
      g.expr,
      formatGateValue(g.expr, g.observed),
      formatGateValue(g.expr, g.threshold),
      g.note ?? '',
    ]),
  };
}
