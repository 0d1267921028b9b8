/**
 * renderTerminalSummary: the end-of-run summary for a terminal. By default it fits one screen
 * (at most SCREEN_LINES lines): the verdict, the narrative, one table (per request: count, ok %,
 * p50/p95/p99, max), the outcomes in a line, one chart of achieved vs target rate with 429s and
 * errors marked, the cost headline and the gates (with profile `tenants:`, one line of tenants).
 * `verbose` adds everything: the full request, tenant and outcome tables, every chart (latency
 * on a log scale), the cost tables and every warning.
 * Every line fits `width`. Pure: returns a string.
 */
import type { RunRecord } from '../record/run-record.js';
import { checksTable, flowsTable } from './check-tables.js';
import { costSectionTerminal } from './cost-section.js';
import { costHeadline } from './cost-summary.js';
import { formatGateValue } from './format-values.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { runNarrative } from './run-narrative.js';
import { renderTextChart } from './text-chart.js';
import { rateTextChart, verboseTextCharts } from './terminal-charts.js';
import { textStyle, visibleLength, type Paint } from './text-style.js';
import { isNumericColumn, renderTextTable } from './text-table.js';
import { tenantCaption, tenantTable } from './tenant-table.js';
import { clip, wrap } from './wrap.js';
import { invokeCaption, invokeTable } from './invoke-table.js';
import { durableCaption, durableTable } from './durable-table.js';
import {
  gatesTable,
  outcomesLine,
  requestsTable,
  statusTable,
  summaryTable,
  VERDICT_MARK,
  type TextTable,
} from './report-tables.js';

export interface TerminalOptions extends VerdictOptions {
  /** ANSI colours (the CLI's colorDecision). */
  color: boolean;
  /** Terminal width in columns. */
  width: number;
  /** Every table and chart instead of one screen. */
  verbose?: boolean;
}

/** The default summary's budget: one screen. */
export const SCREEN_LINES = 45;
const CHART_MAX_ROWS = 10;
const CHART_MIN_ROWS = 3;

/** renderTerminalSummary never reads the terminal itself; the caller passes colour and width. */
export function renderTerminalSummary(record: RunRecord, options: TerminalOptions): string {
  const width = Math.max(40, options.width);
  const o = { ...options, width };
  return `${(options.verbose ? verbose(record, o) : oneScreen(record, o)).join('\n\n')}\n`;
}

function headline(record: RunRecord, o: TerminalOptions, paint: Paint): string {
  const title = `flashcrowd ${record.kind} ${record.runId}: ${record.status}`;
  if (record.gates.length === 0) return paint('bold', `${title}; no gates`);
  const v = gateVerdict(record, o.allowUnknown);
  const mark = v.passed ? paint('ok', 'PASS') : paint('bad', 'FAIL');
  const oneLine = `${title} - PASS: ${v.sentence}`.length <= o.width;
  return `${paint('bold', title)}${oneLine ? ' - ' : '\n'}${mark}: ${clip(v.sentence, o.width - 6)}`;
}

/** One line a gate, failures first when not all fit in `max` lines (then "N more passed"). */
function gateLines(record: RunRecord, o: TerminalOptions, paint: Paint, max: number): string[] {
  const order = { fail: 0, unknown: 1, pass: 2 } as const;
  const gates =
    record.gates.length <= max
      ? record.gates
      : [...record.gates].sort((a, b) => order[a.verdict] - order[b.verdict]).slice(0, max - 1);
  const rest = record.gates.length - gates.length;
  const restPassed = record.gates.filter((g) => !gates.includes(g) && g.verdict === 'pass').length;
  const more =
    rest > 0
      ? [
          `... ${rest} more gate${rest > 1 ? 's' : ''}${restPassed === rest ? ', all passed' : ''} (--verbose)`,
        ]
      : [];
  return [
    ...gates.map((g) => {
      const mark = VERDICT_MARK[g.verdict].padEnd(7);
      const styled = paint(
        g.verdict === 'pass' ? 'ok' : g.verdict === 'fail' ? 'bad' : 'warn',
        mark,
      );
      const detail = `observed ${formatGateValue(g.expr, g.observed)}`;
      return `${styled} ${clip(`${g.expr}  ${detail}${g.note ? ` (${g.note})` : ''}`, o.width - 8)}`;
    }),
    ...more,
  ];
}

/** How far the one-screen layout has to squeeze its parts to fit SCREEN_LINES. */
interface Squeeze {
  requestRows: number;
  gateRows: number;
}

function oneScreen(record: RunRecord, o: TerminalOptions): string[] {
  const names = Object.keys(record.byRequest).length;
  let squeeze: Squeeze = { requestRows: names, gateRows: record.gates.length };
  for (;;) {
    const { parts, spare } = oneScreenParts(record, o, squeeze);
    if (spare >= 0) return parts;
    if (squeeze.requestRows > 3) squeeze = { ...squeeze, requestRows: squeeze.requestRows - 1 };
    else if (squeeze.gateRows > 3) squeeze = { ...squeeze, gateRows: squeeze.gateRows - 1 };
    else if (squeeze.requestRows > 1)
      squeeze = { ...squeeze, requestRows: squeeze.requestRows - 1 };
    else if (squeeze.gateRows > 1) squeeze = { ...squeeze, gateRows: squeeze.gateRows - 1 };
    else return parts;
  }
}

/**
 * The one-screen parts at a squeeze, and how many lines are left over (negative: too many). The
 * chart takes what is left, CHART_MIN_ROWS to CHART_MAX_ROWS rows; without room it is left out
 * only when nothing else can give way.
 */
function oneScreenParts(
  record: RunRecord,
  o: TerminalOptions,
  squeeze: Squeeze,
): { parts: string[]; spare: number } {
  const paint = textStyle(o.color);
  const head = [headline(record, o, paint), wrap(runNarrative(record).join(' '), o.width)];
  head.push(fitTable(topRequests(summaryTable(record), squeeze.requestRows), o));
  head.push(wrap(`Outcomes: ${outcomesLine(record)}`, o.width));
  if (record.tenants) head.push(clip(`Tenants: ${tenantCaption(record)}`, o.width));
  if (record.invoke) head.push(wrap(`Lambda: ${invokeCaption(record)}`, o.width));
  if (record.durable) head.push(wrap(`Durable: ${durableCaption(record)}`, o.width));
  const flows = flowsTable(record);
  if (flows.rows.length > 0) head.push(fitTable(flows, o));
  const checks = checksLine(record);
  if (checks) head.push(wrap(checks, o.width));
  const tail: string[] = [];
  const cost = costHeadline(record);
  if (cost) tail.push(wrap(cost, o.width));
  if (record.gates.length > 0) tail.push(gateLines(record, o, paint, squeeze.gateRows).join('\n'));
  const warnings = [...record.warnings, ...(record.platform.warnings ?? [])];
  const hint =
    warnings.length > 0
      ? `${warnings.length} warning${warnings.length > 1 ? 's' : ''}: ${clip(warnings[0], o.width - 40)}${warnings.length > 1 ? ' ...' : ''} (--verbose for all)`
      : '--verbose for every table and chart; report.html for the interactive view';
  tail.push(wrap(hint, o.width));
  const lineCount = (parts: string[]) =>
    parts.reduce((n, p) => n + p.split('\n').length, 0) + Math.max(0, parts.length - 1);
  const used = lineCount([...head, ...tail]);
  const chart = rateTextChart(record);
  if (!chart) return { parts: [...head, ...tail], spare: SCREEN_LINES - used };
  // Chart chrome: title, legend, the marks rows, the axis, and a blank line before it.
  const marks = (chart.marks ?? []).filter((m) => m.values.some((v) => v !== null && v > 0));
  const room = SCREEN_LINES - used - 4 - marks.length;
  if (room < CHART_MIN_ROWS) return { parts: [...head, ...tail], spare: room - CHART_MIN_ROWS };
  let rows = Math.min(CHART_MAX_ROWS, room);
  let drawn = renderTextChart(chart, { width: o.width, height: rows, color: o.color });
  // A legend that wraps takes plot rows.
  const extra = drawn.split('\n').length - (rows + 3 + marks.length);
  if (extra > 0) {
    rows -= extra;
    if (rows < CHART_MIN_ROWS) return { parts: [...head, ...tail], spare: rows - CHART_MIN_ROWS };
    drawn = renderTextChart(chart, { width: o.width, height: rows, color: o.color });
  }
  return { parts: [...head, drawn, ...tail], spare: room - rows - Math.max(0, extra) };
}

/** The `count` request rows with the most requests (in name order), then `all`, then "N more". */
function topRequests(t: TextTable, count: number): TextTable {
  const named = t.rows.slice(0, -1);
  if (named.length <= count) return t;
  const sent = (r: string[]) => Number(r[1].replace(/,/g, ''));
  const keep = new Set(
    [...named].sort((a, b) => sent(b) - sent(a)).slice(0, Math.max(0, count - 1)),
  );
  const more = named.length - keep.size;
  return {
    header: t.header,
    rows: [
      ...named.filter((r) => keep.has(r)),
      [`(${more} more)`, ...t.header.slice(1).map(() => '')],
      t.rows[t.rows.length - 1],
    ],
  };
}

function verbose(record: RunRecord, o: TerminalOptions): string[] {
  const paint = textStyle(o.color);
  const sections = [headline(record, o, paint), wrap(runNarrative(record).join(' '), o.width)];
  sections.push(`${paint('bold', 'Requests')}\n${fitTable(requestsTable(record), o)}`);
  sections.push(`${paint('bold', 'Latency')}\n${fitTable(summaryTable(record), o)}`);
  const durable = durableTable(record);
  if (durable)
    sections.push(
      `${paint('bold', 'Durable executions')}\n${fitTable(durable, o)}\n${wrap(durableCaption(record), o.width)}`,
    );
  const tenants = tenantTable(record);
  if (tenants)
    sections.push(
      `${paint('bold', 'Tenants')}\n${fitTable(tenants, o)}\n${wrap(tenantCaption(record), o.width)}`,
    );
  const invokes = invokeTable(record);
  if (invokes) sections.push(`${paint('bold', 'Lambda Invokes')}\n${fitTable(invokes, o)}`);
  sections.push(`${paint('bold', 'Outcomes')}\n${fitTable(statusTable(record), o)}`);
  for (const [title, t] of [
    ['Flows', flowsTable(record)],
    ['Checks', checksTable(record)],
  ] as const)
    if (t.rows.length > 0) sections.push(`${paint('bold', title)}\n${fitTable(t, o)}`);
  for (const chart of verboseTextCharts(record))
    sections.push(renderTextChart(chart, { width: o.width, height: 8, color: o.color }));
  if (record.cost)
    sections.push(
      costSectionTerminal(
        record,
        (t) => fitOrList(t, o),
        (text) => wrap(text, o.width),
        (text) => paint('bold', text),
      ),
    );
  if (record.gates.length > 0) {
    const verdict = gateVerdict(record, o.allowUnknown).sentence;
    sections.push(`${paint('bold', 'Gates')}: ${verdict}\n${fitTable(gatesTable(record), o)}`);
  }
  for (const w of [...record.warnings, ...(record.platform.warnings ?? [])])
    sections.push(wrap(`warning: ${w}`, o.width));
  return sections;
}

/**
 * A table that fits `o.width` uncut, or else the same cells as one block a row (`header: cell`
 * lines), so that no figure or label is ever cut (the cost tables are wide).
 */
function fitOrList(t: TextTable, o: TerminalOptions): string {
  const text = renderTextTable(t, { color: o.color, plain: true, alignNumbers: true });
  if (Math.max(...text.split('\n').map((l) => visibleLength(l))) <= o.width) return text;
  return t.rows
    .map((row) =>
      [
        row[0],
        ...row.slice(1).map((cell, i) => wrap(`  ${t.header[i + 1]}: ${cell}`, o.width)),
      ].join('\n'),
    )
    .join('\n');
}

/** A borderless table, right-aligned numbers; cells of the widest column are cut to fit. */
function fitTable(t: TextTable, o: TerminalOptions): string {
  let table = t;
  for (let attempt = 0; attempt < 40; attempt++) {
    const text = renderTextTable(table, { color: o.color, plain: true, alignNumbers: true });
    const widest = Math.max(...text.split('\n').map((l) => visibleLength(l)));
    if (widest <= o.width) return text;
    table = shrinkWidestColumn(table, widest - o.width);
  }
  return renderTextTable(table, { color: o.color, plain: true, alignNumbers: true });
}

function shrinkWidestColumn(t: TextTable, by: number): TextTable {
  const widths = t.header.map((h, i) =>
    Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)),
  );
  // Cut words before numbers: the widest text column, or the widest of all when there is none.
  const text = widths.map((w, i) => (isNumericColumn(t, i) ? -1 : w));
  const col =
    Math.max(...text) > 0 ? text.indexOf(Math.max(...text)) : widths.indexOf(Math.max(...widths));
  const target = Math.max(4, widths[col] - by);
  const cut = (s: string) => (s.length > target ? `${s.slice(0, target - 1)}~` : s);
  return {
    header: t.header.map((h, i) => (i === col ? cut(h) : h)),
    rows: t.rows.map((r) => r.map((c, i) => (i === col ? cut(c) : c))),
  };
}

/** One line on response checks (null when the profile has none): totals and the worst check. */
function checksLine(record: RunRecord): string | null {
  const c = record.checks;
  if (!c || c.passed + c.failed === 0) return null;
  const worst = checksTable(record).rows.filter((r) => r[3] !== '0');
  const detail =
    worst.length > 0
      ? `; failing: ${worst.map((r) => `${r[0]} ${r[1]} (${r[3]})`).join(', ')}`
      : '';
  return `Checks: ${c.passed.toLocaleString('en-US')} passed, ${c.failed.toLocaleString('en-US')} failed${detail}`;
}
