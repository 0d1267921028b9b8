/**
 * renderComparison: `flashcrowd compare` output: one row per compared quantity (A, B, change)
 * and the verdicts of `--max-regression` limits, as a terminal table or Markdown. Pure.
 */
import Table from 'cli-table3';
import type { Comparison, ComparisonRow } from '../analysis/compare-runs.js';
import { formatChange, formatCount, formatMs, formatPercent, formatUsd } from './format-values.js';
import { markdownTable } from './markdown-report.js';
import { VERDICT_MARK, type TextTable } from './report-tables.js';

function value(row: ComparisonRow, v: number | null): string {
  switch (row.unit) {
    case 'ms':
      return formatMs(v);
    case 'fraction':
      return formatPercent(v);
    case 'usd':
      return formatUsd(v);
    case 'perSec':
      return v === null ? '-' : `${formatCount(v)}/s`;
    default:
      return formatCount(v);
  }
}

/** comparisonTables: the deltas table and the regressions table, formatted. */
export function comparisonTables(c: Comparison): { deltas: TextTable; regressions: TextTable } {
  const a = `A ${c.a.runId}${c.a.platform ? ` (${c.a.platform})` : ''}`;
  const b = `B ${c.b.runId}${c.b.platform ? ` (${c.b.platform})` : ''}`;
  return {
    deltas: {
      header: ['metric', a, b, 'change'],
      rows: c.rows.map((r) => [r.label, value(r, r.a), value(r, r.b), formatChange(r.relative)]),
    },
    regressions: {
      header: ['verdict', 'limit', 'worsening'],
      rows: c.regressions.map((r) => [
        VERDICT_MARK[r.verdict],
        `${r.key} at most +${formatPercent(r.limit)}`,
        r.regression === null ? 'not in both runs' : formatChange(r.regression),
      ]),
    },
  };
}

export interface ComparisonOptions {
  format: 'terminal' | 'md';
  color?: boolean;
}

/** renderComparison returns the whole comparison as text. */
export function renderComparison(c: Comparison, options: ComparisonOptions): string {
  const { deltas, regressions } = comparisonTables(c);
  const render = (t: TextTable) => {
    if (options.format === 'md') return markdownTable(t);
    const style = options.color
      ? { head: ['cyan'], compact: true }
      : { head: [], border: [], compact: true };
    const table = new Table({ head: t.header, style });
    for (const row of t.rows) table.push(row);
    return table.toString();
  };
  const title =
    options.format === 'md'
      ? `# flashcrowd compare: ${c.a.runId} vs ${c.b.runId}`
      : `Comparing ${c.a.runId} (A) with ${c.b.runId} (B)`;
  const parts = [title];
  if (c.warnings.length > 0)
    parts.push(
      c.warnings.map((w) => `${options.format === 'md' ? '- ' : ''}warning: ${w}`).join('\n'),
    );
  parts.push(render(deltas));
  if (c.regressions.length > 0)
    parts.push(
      options.format === 'md' ? '## Regression limits' : 'Regression limits',
      render(regressions),
    );
  return `${parts.join('\n\n')}\n`;
}
