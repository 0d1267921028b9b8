/**
 * renderTerminalSummary: the end-of-run summary for a terminal: what happened in plain words,
 * per-request counts and latency, status classes, charts of rate, latency, outcomes and the
 * platform, cost scenarios with their prices, and gate verdicts. Pure: returns a string.
 */
import Table from 'cli-table3';
import { checksTable, flowsTable } from './check-tables.js';
import type { RunRecord } from '../record/run-record.js';
import { renderAsciiChart } from './ascii-chart.js';
import { costSectionTerminal } from './cost-section.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { reportCharts } from './report-charts.js';
import { runNarrative } from './run-narrative.js';
import { gatesTable, requestsTable, statusTable, type TextTable } from './report-tables.js';

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
  for (const [title, t] of [
    ['Flows', flowsTable(record)],
    ['Checks', checksTable(record)],
  ] as const)
    if (t.rows.length > 0) sections.push(bold(title) + '\n' + table(t, options));
  for (const chart of reportCharts(record)) {
    sections.push(renderAsciiChart(chart, { width: options.width, color: options.color }));
  }
  if (record.cost)
    sections.push(
      costSectionTerminal(
        record,
        (t) => table(t, options),
        (text) => wrap(text, options.width),
        bold,
      ),
    );
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
