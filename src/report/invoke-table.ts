/**
 * invokeTable: the "Lambda Invokes" table of the reports (runs that send Lambda Invokes only):
 * per request, the Invokes sent, succeeded, throttled (with their reasons) and function errors
 * (Handled/Unhandled, with the payload's errorType); invokeCaption is its one-line summary for the
 * one-screen terminal view. Pure.
 */
import type { InvokeCountsStats, RunRecord } from '../record/run-record.js';
import { formatCount } from './format-values.js';
import type { TextTable } from './report-tables.js';

/** invokeTable: undefined when the record has no invoke section. */
export function invokeTable(record: RunRecord): TextTable | undefined {
  const invoke = record.invoke;
  if (invoke === undefined) return undefined;
  const row = (name: string, c: InvokeCountsStats) => [
    name,
    formatCount(c.sent),
    formatCount(c.succeeded),
    formatCount(c.throttled),
    listed(c.throttleReasons),
    formatCount(c.functionErrors),
    listed({ ...c.functionErrorKinds, ...prefixed(c.errorTypes) }),
  ];
  return {
    header: ['request', 'sent', 'succeeded', 'throttled', 'reasons', 'fn errors', 'kinds / types'],
    rows: [
      ...Object.entries(invoke.byRequest).map(([name, c]) => row(name, c)),
      row('all', invoke.totals),
    ],
  };
}

/** invokeCaption: "60 Invokes: 46 succeeded, 0 throttled, 14 function errors (Handled 14; NotFound 14)". */
export function invokeCaption(record: RunRecord): string {
  const c = record.invoke?.totals;
  if (c === undefined) return '';
  const reasons = listed(c.throttleReasons);
  const kinds = listed(c.functionErrorKinds);
  const types = listed(c.errorTypes);
  return (
    `${formatCount(c.sent)} Invokes: ${formatCount(c.succeeded)} succeeded, ` +
    `${formatCount(c.throttled)} throttled${reasons ? ` (${reasons})` : ''}, ` +
    `${formatCount(c.functionErrors)} function errors${kinds ? ` (${kinds}; ${types})` : ''}`
  );
}

/** "A 3, B 1", largest first; '' for none. */
function listed(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${formatCount(n)}`)
    .join(', ');
}

function prefixed(types: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(types).map(([k, n]) => [`type ${k}`, n]));
}
