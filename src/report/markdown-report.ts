/**
 * renderMarkdown: the run report as GitHub-flavored Markdown, for report.md and
 * `$GITHUB_STEP_SUMMARY`: verdict first, then what happened, requests, outcomes, cost, gates.
 * Pure: returns a string.
 */
import type { RunRecord } from '../record/run-record.js';
import { formatUsd } from './format-values.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { reportCharts } from './report-charts.js';
import { runNarrative } from './run-narrative.js';
import {
  costTable,
  gatesTable,
  pricesLine,
  requestsTable,
  statusTable,
  type TextTable,
} from './report-tables.js';
import { maxOf } from '../record/extremes.js';

const SPARK = '▁▂▃▄▅▆▇█';

/** markdownTable renders a TextTable as a pipe table, escaping `|` in cells. */
export function markdownTable(t: TextTable): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `| ${t.header.map(esc).join(' | ')} |`,
    `|${t.header.map(() => ' --- ').join('|')}|`,
  ];
  for (const row of t.rows) lines.push(`| ${row.map(esc).join(' | ')} |`);
  return lines.join('\n');
}

/** sparkline: one block character per value (at most `width`, taking maxima), scaled to the max. */
export function sparkline(values: Array<number | null>, width = 60): string {
  const xs = values.map((v) => v ?? 0);
  const buckets = Math.min(width, xs.length);
  const cols = Array.from({ length: buckets }, (_, c) =>
    Math.max(
      ...xs.slice(
        Math.floor((c * xs.length) / buckets),
        Math.floor(((c + 1) * xs.length) / buckets),
      ),
    ),
  );
  const max = Math.max(maxOf(cols), 0);
  return cols.map((v) => SPARK[max > 0 ? Math.min(7, Math.floor((v / max) * 7.999)) : 0]).join('');
}

function verdictLine(record: RunRecord, allowUnknown: boolean | undefined): string {
  if (record.gates.length === 0) return `**${record.status}**, no gates.`;
  const verdict = gateVerdict(record, allowUnknown);
  return `**${verdict.passed ? 'PASS' : 'FAIL'}**: ${verdict.sentence}.`;
}

/** renderMarkdown returns the report; charts appear as one-line sparklines. */
export function renderMarkdown(record: RunRecord, options: VerdictOptions = {}): string {
  const parts = [
    `# flashcrowd ${record.kind} \`${record.runId}\``,
    verdictLine(record, options.allowUnknown),
    runNarrative(record).join(' '),
  ];
  parts.push('## Requests', markdownTable(requestsTable(record)));
  parts.push('## Outcomes', markdownTable(statusTable(record)));
  const charts = reportCharts(record);
  if (charts.length > 0) {
    const rows = charts.flatMap((c) =>
      c.lines.map((l) => {
        const max = maxOf(l.values.map((v) => v ?? 0));
        return [
          `${c.title}: ${l.label}`,
          `\`${sparkline(l.values)}\``,
          `${Number(max.toFixed(2))} ${c.unit}`,
        ];
      }),
    );
    parts.push('## Over time', markdownTable({ header: ['series', 'shape', 'max'], rows }));
  }
  if (record.cost) {
    parts.push('## Cost', markdownTable(costTable(record)), pricesLine(record));
    const curve = record.cost.curve.map((p) => [
      `${Math.round(p.utilization * 100)}%`,
      formatUsd(p.costUsd),
    ]);
    parts.push('Compute cost (instances and LMI fee) of the same work at each utilization:');
    parts.push(markdownTable({ header: ['utilization', 'cost'], rows: curve }));
  }
  if (record.gates.length > 0) parts.push('## Gates', markdownTable(gatesTable(record)));
  const warnings = [...record.warnings, ...(record.platform.warnings ?? [])];
  if (warnings.length > 0) parts.push('## Warnings', warnings.map((w) => `- ${w}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
