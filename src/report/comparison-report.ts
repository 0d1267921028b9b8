/**
 * renderComparison: `flashcrowd compare` output: one row per compared quantity (A, B, change),
 * overall then per request name, and the verdicts of `--max-regression` limits, as a terminal
 * table or Markdown. Changes read in the quantity's own terms: rates in percentage points
 * (`+9.6 pp`), latencies in ms with the relative change beside (`+27 ms (+15%)`), and a change
 * from zero says so (`+9.6 pp (from 0)`) instead of an infinite percentage. Pure.
 */
import type { Comparison, ComparisonRow, RegressionResult } from '../analysis/compare-runs.js';
import { formatChange, formatCount, formatMs, formatPercent, formatUsd } from './format-values.js';
import { markdownTable } from './markdown-report.js';
import { VERDICT_MARK, type TextTable } from './report-tables.js';
import { renderTextTable } from './text-table.js';

function value(unit: ComparisonRow['unit'], v: number | null): string {
  switch (unit) {
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

/** An absolute change in the row's unit, signed: `+9.6 pp`, `+27 ms`, `-$0.12`, `+12`. */
function absolute(unit: ComparisonRow['unit'], delta: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
  const d = Math.abs(delta);
  switch (unit) {
    case 'fraction':
      return `${sign}${Number((d * 100).toFixed(2))} pp`;
    case 'ms':
      return `${sign}${formatMs(d)}`;
    case 'usd':
      return `${sign}${formatUsd(d)}`;
    case 'perSec':
      return `${sign}${formatCount(d)}/s`;
    default:
      return `${sign}${formatCount(d)}`;
  }
}

/** formatRowChange: `-` when a side is missing, `no change`, `+9.6 pp (from 0)`, `+27 ms (+15%)`. */
export function formatRowChange(r: ComparisonRow): string {
  if (r.delta === null) return '-';
  if (r.delta === 0) return 'no change';
  if (r.fromZero) return `${absolute(r.unit, r.delta)} (from 0)`;
  return `${absolute(r.unit, r.delta)} (${formatChange(r.relative)})`;
}

/** The limit as written for absolute limits (`+0.5pp`), as a signed percentage for relative ones. */
function limitText(r: RegressionResult): string {
  if (r.mode === 'absolute') return r.text.slice(r.text.lastIndexOf('=') + 1).trim();
  return `+${Number((r.limit * 100).toFixed(2))}%`;
}

function worseningText(r: RegressionResult): string {
  if (r.regression === null || !r.row) return 'not in both runs';
  const where = r.key === 'cost' ? ` (${r.row.key.replace(/^cost:/, '')})` : '';
  if (r.mode === 'absolute') return `${absolute(r.row.unit, r.regression)}${where}`;
  if (!Number.isFinite(r.regression)) return `from 0 to ${value(r.row.unit, r.row.b)}${where}`;
  return `${formatChange(r.regression)}${where}`;
}

/** comparisonTables: the deltas table and the regressions table, formatted. */
export function comparisonTables(c: Comparison): { deltas: TextTable; regressions: TextTable } {
  const a = `A ${c.a.runId}${c.a.platform ? ` (${c.a.platform})` : ''}`;
  const b = `B ${c.b.runId}${c.b.platform ? ` (${c.b.platform})` : ''}`;
  return {
    deltas: {
      header: ['metric', a, b, 'change'],
      rows: c.rows.map((r) => [
        r.label,
        value(r.unit, r.a),
        value(r.unit, r.b),
        formatRowChange(r),
      ]),
    },
    regressions: {
      header: ['verdict', 'limit', 'worsening'],
      rows: c.regressions.map((r) => [
        VERDICT_MARK[r.verdict],
        `${r.key} at most ${limitText(r)}`,
        worseningText(r),
      ]),
    },
  };
}

export interface ComparisonOptions {
  format: 'terminal' | 'md';
  color?: boolean;
}

/**
 * renderComparison returns the whole comparison as text. The Markdown document lists the
 * comparison's warnings; the terminal table leaves them out, for the caller to print on stderr.
 */
export function renderComparison(c: Comparison, options: ComparisonOptions): string {
  const { deltas, regressions } = comparisonTables(c);
  const render = (t: TextTable) =>
    options.format === 'md'
      ? markdownTable(t)
      : renderTextTable(t, { color: options.color ?? false, plain: true, alignNumbers: true });
  const title =
    options.format === 'md'
      ? `# flashcrowd compare: ${c.a.runId} vs ${c.b.runId}`
      : `Comparing ${c.a.runId} (A) with ${c.b.runId} (B)`;
  const parts = [title];
  if (options.format === 'md' && c.warnings.length > 0)
    parts.push(c.warnings.map((w) => `- warning: ${w}`).join('\n'));
  parts.push(render(deltas));
  if (c.regressions.length > 0)
    parts.push(
      options.format === 'md' ? '## Regression limits' : 'Regression limits',
      render(regressions),
    );
  return `${parts.join('\n\n')}\n`;
}
