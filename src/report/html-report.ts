/**
 * renderHtml: a self-contained HTML report that opens offline (uPlot and the data inlined), in
 * reading order: the verdict and the gates; the narrative; the cost comparison (the scenarios
 * side by side, each labelled observed or estimated, and the compute-cost curve with every
 * scenario marked on it); then "what happened": the time charts (htmlTimeCharts) on one shared
 * cursor, zoom and m:ss axis, coloured by meaning; the per-request and outcome tables last.
 * Pure apart from reading the chart library once (see loadChartAssets); pass `assets` to avoid
 * even that.
 */
import { durableFooting } from '../analysis/durable-cost.js';
import { durableCaption, durableTable } from './durable-table.js';
import type { RunRecord } from '../record/run-record.js';
import { checksTable, flowsTable } from './check-tables.js';
import { loadChartAssets, type ChartAssets } from './chart-assets.js';
import { costCurvePlot, costCurveLine, costScenarioView } from './cost-summary.js';
import { costInputsTable, costLines, costTable, pricesLine } from './cost-table.js';
import { formatGateValue } from './format-values.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { HTML_CHART_SCRIPT } from './html-chart-script.js';
import { htmlTimeCharts } from './html-time-charts.js';
import { runNarrative } from './run-narrative.js';
import {
  requestsTable,
  statusTable,
  summaryTable,
  VERDICT_MARK,
  type TextTable,
} from './report-tables.js';
import { SERIES_COLORS } from './series-colors.js';

/** escapeHtml escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Serializes data for a <script type="application/json"> element (no `</script>` breakout). */
function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function htmlTable(t: TextTable, numeric = true): string {
  const head = t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const isNumber = (c: string) => numeric && /^(-|[<>]?[-+$]?[\d,.]+\s?(%|ms|s)?)$/.test(c);
  const rows = t.rows
    .map((r) => {
      const cells = r.map((c) => `<td${isNumber(c) ? ' class="n"' : ''}>${escapeHtml(c)}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function gatesHtml(record: RunRecord): string {
  if (record.gates.length === 0) return '';
  const rows = record.gates
    .map(
      (g) =>
        `<tr><td class="v-${g.verdict}">${VERDICT_MARK[g.verdict]}</td><td><code>${escapeHtml(g.expr)}</code></td>` +
        `<td class="n">${escapeHtml(formatGateValue(g.expr, g.observed))}</td>` +
        `<td class="n">${escapeHtml(formatGateValue(g.expr, g.threshold))}</td><td>${escapeHtml(g.note ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<table class="gates"><thead><tr><th>verdict</th><th>gate</th><th>observed</th><th>threshold</th><th>note</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function costHtml(record: RunRecord): string {
  if (!record.cost) return '';
  // Only the Lambda scenarios carry durable charges: the cheapest is chosen without them.
  const cheapestTag = durableFooting(record.cost.scenarios)
    ? 'cheapest without durable charges'
    : 'cheapest';
  const cards = costScenarioView(record)
    .map(
      (v) =>
        `<div class="scenario${v.cheapest ? ' cheapest' : ''}" data-scenario="${escapeHtml(v.name)}">` +
        `<div class="name">${escapeHtml(v.name)}${v.cheapest ? ` <span class="tag">${cheapestTag}</span>` : ''}</div>` +
        `<span class="basis ${v.basis}">${v.basis}</span>` +
        `<div class="total">${escapeHtml(v.totalUsd)}</div><div>this run</div>` +
        `<div class="big">${escapeHtml(v.perMillionUsd)}</div><div>per 1M requests</div>` +
        (v.withoutDurable
          ? `<div class="durable">${escapeHtml(v.withoutDurable.totalUsd)} without durable-function charges</div>`
          : '') +
        (v.monthlyUsd ? `<div>${escapeHtml(v.monthlyUsd)} per 30-day month</div>` : '') +
        `<div>utilization ${escapeHtml(v.utilization)}</div>` +
        (v.note ? `<div class="note">${escapeHtml(v.note)}</div>` : '') +
        `</div>`,
    )
    .join('\n');
  const curve = costCurvePlot(record)
    ? `<h3>Compute cost of this run against utilization</h3>` +
      `<div class="note">${escapeHtml(costCurveLine(record) ?? '')} Lines: a fleet, LMI with its 15% fee, and on-demand Lambda's compute as a dashed reference. Each scenario is marked at its own utilization and its compute cost, as the lines are: requests, the front door and durable charges are on neither (filled: observed, hollow: estimated).</div>` +
      `<div class="chart" id="chart-cost-curve" data-chart="cost-curve"></div>`
    : '';
  return (
    `<section id="cost"><h2>Cost</h2><div class="scenarios">\n${cards}\n</div>` +
    `<p class="note">${escapeHtml(pricesLine(record))}</p>` +
    `<h3>Scenarios</h3>${htmlTable(costTable(record))}` +
    `<h3>What each cost was computed from</h3>${htmlTable(costInputsTable(record))}` +
    `<ul class="note">${costLines(record)
      .map((l) => `<li>${escapeHtml(l)}</li>`)
      .join('')}</ul>${curve}</section>`
  );
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1040px; color: #111; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; } h3 { font-size: 15px; margin: 18px 0 2px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { padding: 3px 10px; border: 1px solid #ddd; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f4f6; } .v-pass { color: #15803d; font-weight: 600; } .v-fail { color: #b91c1c; font-weight: 600; }
.v-unknown { color: #b45309; font-weight: 600; } .chart { margin: 4px 0 16px; } .note { color: #555; font-size: 12px; }
.verdict { font-size: 18px; font-weight: 700; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.verdict.pass { background: #dcfce7; color: #14532d; } .verdict.fail { background: #fee2e2; color: #7f1d1d; } .verdict.none { background: #f3f4f6; }
.scenarios { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
.scenario { flex: 1 1 200px; border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; }
.scenario.cheapest { border-color: #16a34a; box-shadow: 0 0 0 1px #16a34a; }
.scenario .name { font-weight: 600; } .scenario .total { font-size: 18px; font-weight: 600; margin-top: 6px; } .scenario .big { font-size: 16px; font-weight: 600; margin-top: 4px; }
.basis { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px; border-radius: 4px; }
.basis.observed { background: #dbeafe; color: #1e3a8a; } .basis.estimated { background: #f3e8ff; color: #581c87; }
.tag { font-size: 11px; color: #15803d; } .scenario .durable { color: #555; font-size: 12px; }
`;

function verdict(
  record: RunRecord,
  allowUnknown: boolean | undefined,
): { cls: string; text: string } {
  if (record.gates.length === 0)
    return { cls: 'none', text: `Status: ${record.status}; no gates.` };
  const result = gateVerdict(record, allowUnknown);
  return {
    cls: result.passed ? 'pass' : 'fail',
    text: `${result.passed ? 'PASS' : 'FAIL'}: ${result.sentence}.`,
  };
}

/** renderHtml returns the complete document. */
export function renderHtml(
  record: RunRecord,
  assets: ChartAssets = loadChartAssets(),
  options: VerdictOptions = {},
): string {
  const timeCharts = htmlTimeCharts(record);
  const endSec = Math.max(0, ...timeCharts.map((c) => c.x[c.x.length - 1] ?? 0));
  const chartDivs = timeCharts
    .map(
      (c) =>
        `<h3>${escapeHtml(c.title)} (${escapeHtml(c.unit)}${c.log ? ', log scale' : ''})</h3>` +
        (c.note ? `<div class="note">${escapeHtml(c.note)}</div>` : '') +
        `<div class="chart" id="chart-${c.id}" data-chart="${c.id}" data-time-chart="true"></div>`,
    )
    .join('\n');
  const v = verdict(record, options.allowUnknown);
  const warnings = [...record.warnings, ...(record.platform.warnings ?? [])];
  const body = [
    `<header id="verdict"><h1>flashcrowd ${escapeHtml(record.kind)} <code>${escapeHtml(record.runId)}</code></h1>`,
    `<p class="note">${escapeHtml(record.status)} · started ${escapeHtml(record.startedAt)} · ${escapeHtml(record.target.url)}${record.target.platform ? ` (${escapeHtml(record.target.platform)})` : ''}</p>`,
    `<p class="verdict ${v.cls}">${escapeHtml(v.text)}</p>${gatesHtml(record)}</header>`,
    `<section id="narrative"><h2>What the run says</h2><p>${escapeHtml(runNarrative(record).join(' '))}</p></section>`,
    costHtml(record),
    timeCharts.length > 0
      ? `<section id="what-happened"><h2>What happened</h2>` +
        `<p class="note">Time since the start (${endSec >= 3600 ? 'h:mm' : 'm:ss'}). One cursor for every chart; drag across any chart to zoom all of them, double-click to zoom out. Long runs are drawn from the minimum and maximum of each pixel's time, so short spikes stay visible.</p>` +
        `${chartDivs}</section>`
      : '',
    `<section id="tables"><h2>Per request</h2>${htmlTable(summaryTable(record))}${htmlTable(requestsTable(record))}`,
    `<h2>Outcomes</h2>${htmlTable(statusTable(record))}`,
    ...durableHtml(record),
    ...sectionIfRows('Flows', flowsTable(record)),
    ...sectionIfRows('Checks', checksTable(record)),
    warnings.length > 0
      ? `<h2>Warnings</h2><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
      : '',
    `</section>`,
  ].join('\n');
  const data = {
    endSec,
    timeCharts,
    costCurve: costCurvePlot(record),
    colors: SERIES_COLORS,
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>flashcrowd ${escapeHtml(record.runId)}</title>
<style>${assets.css}</style><style>${STYLE}</style>
</head><body>
${body}
<script type="application/json" id="flashcrowd-charts">${scriptJson(data)}</script>
<script>${assets.js.replace(/<\/script/gi, '<\\/script')}</script>
<script>${HTML_CHART_SCRIPT}</script>
</body></html>
`;
}

/** The durable executions table and its caption (durable requests only). */
function durableHtml(record: RunRecord): string[] {
  const t = durableTable(record);
  if (!t) return [];
  return [
    `<h2>Durable executions</h2>${htmlTable(t)}<p class="note">${escapeHtml(durableCaption(record))}</p>`,
  ];
}

/** A titled table, or nothing when it has no rows (no flows, no checks). */
function sectionIfRows(title: string, t: TextTable): string[] {
  return t.rows.length > 0 ? [`<h2>${title}</h2>${htmlTable(t)}`] : [];
}
