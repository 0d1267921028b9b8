/**
 * renderMarkdown: the run report as GitHub-flavored Markdown, for report.md and
 * `$GITHUB_STEP_SUMMARY`: short enough to read in a CI summary (the charts are in report.html).
 * Pure: returns a string.
 */
import type { RunRecord } from '../record/run-record.js';
import { checksTable, flowsTable } from './check-tables.js';
import { costSectionMarkdown } from './cost-section.js';
import { costHeadline } from './cost-summary.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { runNarrative } from './run-narrative.js';
import { gatesTable, isNumericColumn, summaryTable, type TextTable } from './report-tables.js';
import { tenantCaption, tenantTable } from './tenant-table.js';
import { invokeCaption, invokeTable } from './invoke-table.js';
import { durableCaption, durableTable } from './durable-table.js';

/** markdownTable renders a TextTable as a pipe table, escaping `|` in cells. */
export function markdownTable(t: TextTable): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `| ${t.header.map(esc).join(' | ')} |`,
    `|${t.header.map((_, i) => (isNumericColumn(t, i) ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  for (const row of t.rows) lines.push(`| ${row.map(esc).join(' | ')} |`);
  return lines.join('\n');
}

function verdictLine(record: RunRecord, allowUnknown: boolean | undefined): string {
  if (record.gates.length === 0) return `**${record.status}**, no gates.`;
  const verdict = gateVerdict(record, allowUnknown);
  return `**${verdict.passed ? 'PASS' : 'FAIL'}**: ${verdict.sentence}.`;
}

/**
 * renderMarkdown returns the short report: verdict, narrative, gates (observed and threshold),
 * the cost headline and one per-request table (units once in its header, counts with thousands
 * separators), then any warnings.
 */
export function renderMarkdown(record: RunRecord, options: VerdictOptions = {}): string {
  const parts = [
    `# flashcrowd ${record.kind} \`${record.runId}\``,
    verdictLine(record, options.allowUnknown),
    runNarrative(record).join(' '),
  ];
  if (record.gates.length > 0) parts.push('## Gates', markdownTable(gatesTable(record)));
  const cost = costHeadline(record);
  if (cost) parts.push(`**Cost.** ${cost.replace(/^Cost: /, '')}`);
  if (record.cost)
    parts.push(
      `<details><summary>Cost detail: every scenario, labelled observed or estimated</summary>\n\n${costSectionMarkdown(record, markdownTable).replace(/^## Cost\n\n/, '')}\n\n</details>`,
    );
  parts.push('## Requests', markdownTable(summaryTable(record)));
  const durable = durableTable(record);
  if (durable) parts.push('## Durable executions', markdownTable(durable), durableCaption(record));
  const tenants = tenantTable(record);
  if (tenants) parts.push('## Tenants', markdownTable(tenants), tenantCaption(record));
  const invokes = invokeTable(record);
  if (invokes) parts.push('## Lambda Invokes', markdownTable(invokes), invokeCaption(record));
  for (const [title, t] of [
    ['## Flows', flowsTable(record)],
    ['## Checks', checksTable(record)],
  ] as const)
    if (t.rows.length > 0) parts.push(title, markdownTable(t));
  const warnings = [...record.warnings, ...(record.platform.warnings ?? [])];
  if (warnings.length > 0) parts.push('## Warnings', warnings.map((w) => `- ${w}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
