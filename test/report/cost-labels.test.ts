/**
 * Every figure in the cost tables of the golden reports carries its observed/estimated/upper
 * bound label, in the terminal and Markdown goldens and in the HTML the same tables produce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html-report.js';
import { reportRecord } from './fixtures.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const LABEL =
  /^(\$[\d,.]+|[<>]?[\d.]+%|\$0) \((observed|estimated|upper bound)(, (projected|if this traffic ran all month))?\)$/;

/** The cells of Markdown or box-drawn table rows that hold a $ or % figure. */
function figureCells(lines: string[], split: RegExp): string[] {
  return lines
    .flatMap((l) => l.split(split).map((c) => c.trim()))
    .filter((c) => /^\$\d|^[<>]?[\d.]+%/.test(c) && !/^\d+%$/.test(c));
}

describe('cost table labels in the golden reports', () => {
  it('report.md: every $ and % figure of the scenario and curve tables is labelled', () => {
    const md = readFileSync(join(GOLDEN, 'report.md'), 'utf8');
    const section = md.slice(md.indexOf('<details>'), md.indexOf('</details>'));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| scenario | basis'));
    const cells = figureCells(rows, /\|/);
    expect(cells.length).toBeGreaterThan(40);
    for (const cell of cells) expect(cell).toMatch(LABEL);
  });
  it('terminal-verbose.txt: the same', () => {
    // The one-screen summary carries only the cost headline; the tables are in --verbose.
    const text = readFileSync(join(GOLDEN, 'terminal-verbose.txt'), 'utf8');
    const section = text.slice(text.indexOf('Cost of this run'), text.indexOf('Gates:'));
    const cells = section
      .split('\n')
      .filter((l) => /^[^:]+: /.test(l))
      .map((l) => l.replace(/^[^:]+: /, '').trim())
      .filter((c) => /^\$\d|^[<>]?[\d.]+%/.test(c) && !/^\d+%$/.test(c));
    expect(cells.length).toBeGreaterThan(40);
    for (const cell of cells) expect(cell).toMatch(LABEL);
  });
  it('HTML: the cost tables carry the same labels', () => {
    const html = renderHtml(reportRecord(), { css: '', js: '' });
    const start = html.indexOf('<section id="cost">');
    const section = html.slice(start, html.indexOf('</section>', start));
    const cells = [...section.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const figures = cells.filter((c) => /^\$\d|^[\d.]+%/.test(c) && !/^\d+%$/.test(c));
    expect(figures.length).toBeGreaterThan(20);
    for (const cell of figures) expect(cell).toMatch(LABEL);
  });
});
