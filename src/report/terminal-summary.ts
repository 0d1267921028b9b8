/**
 * renderTerminalSummary: the end-of-run summary for a terminal: what happened in plain words,
 * per-request counts and latency, status classes, charts of rate, latency, outcomes and the
 * platform, cost scenarios with their prices, and gate verdicts. Pure: returns a string.
 */
import Table from 'cli-table3';
import type { RunRecord } from '../record/run-record.js';
import { renderAsciiChart } from './ascii-chart.js';
import { formatUsd } from './format-values.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { reportCharts } from './report-charts.js';
import { runNarrative } from './run-narrative.js';
import { tenantCaption, tenantTable } from './tenant-table.js';
import {
  costTable,
  gatesTable,
  pricesLine,
  requestsTable,
  statusTable,
  type TextTable,
} from './report-tables.js';

export interface TerminalOptions extends VerdictOptions {
  /** ANSI colors (a TTY without NO_COLOR). */
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

/** renderTerminalSummary never reads the terminal itself; the caller passes color and width. */
export function renderTerminalSummary(record: RunRecord, options: TerminalOptions): string {
  const bold = (s: string) => (options.color ? `\u001b[1m${s}\u001b[22m` : s);
  const sections: string[] = [];
  sections.push(bold(`flashcrowd ${record.kind} ${record.runId}: ${record.status}`));
  sections.push(wrap(runNarrative(record).join(' '), options.width));
  sections.push(bold('Requests') + '\n' + table(requestsTable(record), options));
  sections.push(bold('Outcomes') + '\n' + table(statusTable(record), options));
  const tenants = tenantTable(record);
  if (tenants)
    sections.push(`${bold('Tenants')}\n${table(tenants, options)}\n${tenantCaption(record)}`);
  for (const chart of reportCharts(record)) {
    sections.push(renderAsciiChart(chart, { width: options.width, color: options.color }));
  }
  if (record.cost) {
    const curve = record.cost.curve
      .map((p) => `${Math.round(p.utilization * 100)}%: ${formatUsd(p.costUsd)}`)
      .join(', ');
    sections.push(
      [
        bold('Cost of this run'),
        table(costTable(record), options),
        wrap(pricesLine(record), options.width),
        wrap(`Compute cost of the same work at each utilization: ${curve}.`, options.width),
      ].join('\n'),
    );
  }
  if (record.gates.length > 0) {
    const verdict = gateVerdict(record, options.allowUnknown).sentence;
    sections.push(`${bold('Gates')}: ${verdict}\n${table(gatesTable(record), options)}`);
  }
  for (const w of [...record.warnings, ...(record.platform.warnings ?? [])])
    sections.push(wrap(`warning: ${w}`, options.width));
  return `${sections.join('\n\n')}\n`;
}

function table(t: TextTable, options: TerminalOptions): string {
  const style = options.color
    ? { head: ['cyan'], compact: true }
    : { head: [], border: [], compact: true };
  const rendered = new Table({ head: t.header, style, wordWrap: true });
  for (const row of t.rows) rendered.push(row);
  return rendered.toString();
}

/** wrap breaks prose at spaces so no line exceeds `width` columns. */
export function wrap(text: string, width: number): string {
  const limit = Math.max(20, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
