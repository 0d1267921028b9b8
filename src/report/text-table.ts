/**
 * renderTextTable: a TextTable laid out by cli-table3 for the terminal. cli-table3 is never given
 * colour names (its own colour library would make a second colour decision); the header cells are
 * styled here through textStyle, from the caller's one decision. Pure.
 */
import Table from 'cli-table3';
import { isNumericColumn, type TextTable } from './report-tables.js';

export { isNumericColumn };
import { textStyle } from './text-style.js';

export interface TextTableOptions {
  color: boolean;
  /** Borderless (space-separated columns) instead of box-drawing lines. */
  plain?: boolean;
  /** Right-align the columns whose every cell is a number (`1,234`, `$0.46`, `95%`, `-`). */
  alignNumbers?: boolean;
}

/** renderTextTable returns the table's lines joined by newlines (no final newline). */
export function renderTextTable(t: TextTable, options: TextTableOptions): string {
  const paint = textStyle(options.color);
  const chars = options.plain
    ? {
        top: '',
        'top-mid': '',
        'top-left': '',
        'top-right': '',
        bottom: '',
        'bottom-mid': '',
        'bottom-left': '',
        'bottom-right': '',
        left: '',
        'left-mid': '',
        mid: '',
        'mid-mid': '',
        right: '',
        'right-mid': '',
        middle: ' ',
      }
    : {};
  const table = new Table({
    head: t.header.map((h) => paint('header', h)),
    chars,
    style: { head: [], border: [], compact: true, 'padding-left': options.plain ? 0 : 1 },
    colAligns: options.alignNumbers
      ? t.header.map((_, i) => (isNumericColumn(t, i) ? 'right' : 'left'))
      : [],
  });
  for (const row of t.rows) table.push(row);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
