/**
 * durableTable: the "Durable executions" table of every report (requests with `durable:` only):
 * one row per durable request with its starts, executions by terminal status, those still
 * running at the end, status polls sent, the start latency p99 and the end-to-end duration
 * p50/p99; durableCaption is the one-line summary. Pure.
 */
import type { RunRecord } from '../record/run-record.js';
import { formatCount, formatMs } from './format-values.js';
import type { TextTable } from './report-tables.js';

/** durableTable: undefined when the record has no durable section. */
export function durableTable(record: RunRecord): TextTable | undefined {
  const d = record.durable;
  if (d === undefined) return undefined;
  return {
    header: [
      'request',
      'started',
      'succeeded',
      'failed',
      'timed out',
      'stopped',
      'running',
      'polls',
      'start p99',
      'duration p50',
      'duration p99',
    ],
    rows: Object.entries(d.byRequest).map(([name, s]) => [
      name,
      formatCount(s.started),
      formatCount(s.byStatus.SUCCEEDED ?? 0),
      formatCount(s.byStatus.FAILED ?? 0),
      formatCount(s.byStatus.TIMED_OUT ?? 0),
      formatCount(s.byStatus.STOPPED ?? 0),
      formatCount(s.running),
      formatCount(s.polls),
      formatMs(s.startLatencyMs?.p99),
      formatMs(s.durationMs?.p50),
      formatMs(s.durationMs?.p99),
    ]),
  };
}

/** durableCaption: one line, e.g. "35 executions started: 35 succeeded, 0 running; 140 polls". */
export function durableCaption(record: RunRecord): string {
  const d = record.durable;
  if (d === undefined) return '';
  const all = Object.values(d.byRequest);
  const sum = (f: (s: (typeof all)[number]) => number) => all.reduce((t, s) => t + f(s), 0);
  const started = sum((s) => s.started);
  if (d.pollMode === 'cloudwatch')
    return `${formatCount(started)} durable executions started (poll: cloudwatch: outcomes in the platform series only).`;
  const ended = sum((s) => Object.values(s.byStatus).reduce((a, b) => a + b, 0));
  const ok = sum((s) => s.byStatus.SUCCEEDED ?? 0);
  const p99 = all.length === 1 ? `, duration p99 ${formatMs(all[0].durationMs?.p99)}` : '';
  return (
    `${formatCount(started)} durable executions started: ${formatCount(ok)} succeeded, ` +
    `${formatCount(ended - ok)} failed/timed out/stopped, ${formatCount(sum((s) => s.running))} still running${p99}; ` +
    `${formatCount(sum((s) => s.polls))} status polls (budget ${formatCount(d.pollBudgetPerSec)}/s).`
  );
}
