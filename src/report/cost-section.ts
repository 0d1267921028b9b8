/**
 * The cost section of each report format, one function a renderer: the labelled scenario table,
 * what each figure was computed from, the sentences under it (prices, architecture priced, free
 * tier, front door, CPU-time source, monthly basis, what is left out, break-even), and the
 * compute-only curve. Each takes the renderer's own table function, so the layout stays that
 * renderer's. Pure: returns strings.
 */
import type { RunRecord } from '../record/run-record.js';
import {
  costCurveTable,
  costInputsLines,
  costInputsTable,
  costLines,
  costTable,
} from './cost-table.js';
import type { TextTable } from './report-tables.js';

type RenderTable = (t: TextTable) => string;

/** costSectionTerminal: heading, tables and wrapped sentences for the terminal summary. */
export function costSectionTerminal(
  record: RunRecord,
  renderTable: RenderTable,
  wrap: (text: string) => string,
  bold: (text: string) => string = (s) => s,
): string {
  if (!record.cost) return '';
  return [
    bold('Cost of this run'),
    renderTable(costTable(record)),
    bold('What each cost was computed from'),
    ...costInputsLines(record).map(wrap),
    ...costLines(record).map(wrap),
    bold('Compute cost of the same work at each utilization (compute only)'),
    renderTable(costCurveTable(record)),
  ].join('\n');
}

/** costSectionMarkdown: `## Cost` with its tables and sentences. */
export function costSectionMarkdown(record: RunRecord, renderTable: RenderTable): string {
  if (!record.cost) return '';
  return [
    '## Cost',
    renderTable(costTable(record)),
    '**What each cost was computed from**',
    renderTable(costInputsTable(record)),
    costLines(record)
      .map((l) => `- ${l}`)
      .join('\n'),
    'Compute cost (compute only: instances, LMI fee) of the same work at each utilization:',
    renderTable(costCurveTable(record)),
  ].join('\n\n');
}

/** costSectionHtml: `<h2>Cost</h2>` with its tables and sentences (the curve is a chart). */
export function costSectionHtml(
  record: RunRecord,
  renderTable: RenderTable,
  escape: (text: string) => string,
): string {
  if (!record.cost) return '';
  return [
    '<h2>Cost</h2>',
    renderTable(costTable(record)),
    '<h3>What each cost was computed from</h3>',
    renderTable(costInputsTable(record)),
    `<ul class="note">${costLines(record)
      .map((l) => `<li>${escape(l)}</li>`)
      .join('')}</ul>`,
    '<h3>Compute cost of the same work at each utilization (compute only)</h3>',
    renderTable(costCurveTable(record)),
  ].join('\n');
}
