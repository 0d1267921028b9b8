/**
 * renderHtml: a self-contained HTML report that opens offline: the tables of the other reports
 * plus interactive charts (uPlot inlined) of rate, latency, outcomes, throttles, concurrency,
 * LMI instances and CPU, and the cost-versus-utilization curve. Pure apart from reading the
 * chart library once (see loadChartAssets); pass `assets` to avoid even that.
 */
import type { RunRecord } from '../record/run-record.js';
import { checksTable, flowsTable } from './check-tables.js';
import { loadChartAssets, type ChartAssets } from './chart-assets.js';
import { gateVerdict, type VerdictOptions } from './gate-verdict.js';
import { HTML_CHART_SCRIPT } from './html-chart-script.js';
import { reportCharts, type ChartSpec } from './report-charts.js';
import { runNarrative } from './run-narrative.js';
import { costSectionHtml } from './cost-section.js';
import { costCurveChart } from './cost-table.js';
import { gatesTable, requestsTable, statusTable, type TextTable } from './report-tables.js';

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

function htmlTable(t: TextTable, verdictColumn = -1): string {
  const head = t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = t.rows
    .map((r) => {
      const cells = r.map((c, i) =>
        i === verdictColumn
          ? `<td class="v-${c.toLowerCase()}">${escapeHtml(c)}</td>`
          : `<td>${escapeHtml(c)}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** The charts drawn in the page: the time charts plus the cost curve (x = utilization %). */
function pageCharts(record: RunRecord): Array<ChartSpec & { xLabel: string }> {
  const charts = reportCharts(record).map((c) => ({ ...c, xLabel: 'seconds since start' }));
  const curve = costCurveChart(record);
  if (curve) charts.push({ ...curve, xLabel: 'utilization %' });
  return charts;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #111; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 8px 0; } th, td { padding: 3px 10px; border: 1px solid #ddd; text-align: left; }
th { background: #f3f4f6; } .v-pass { color: #15803d; font-weight: 600; } .v-fail { color: #b91c1c; font-weight: 600; }
.v-unknown { color: #b45309; font-weight: 600; } .chart { margin: 8px 0 20px; } .note { color: #555; font-size: 12px; }
.verdict { font-size: 16px; font-weight: 600; }
`;

function verdict(record: RunRecord, allowUnknown: boolean | undefined): string {
  if (record.gates.length === 0) return `Status: ${record.status}; no gates.`;
  const result = gateVerdict(record, allowUnknown);
  return `${result.passed ? 'PASS' : 'FAIL'}: ${result.sentence}.`;
}

/** renderHtml returns the complete document. */
export function renderHtml(
  record: RunRecord,
  assets: ChartAssets = loadChartAssets(),
  options: VerdictOptions = {},
): string {
  const charts = pageCharts(record);
  const chartDivs = charts
    .map(
      (c) =>
        `<h3>${escapeHtml(c.title)} (${escapeHtml(c.unit)})</h3>` +
        (c.note ? `<div class="note">${escapeHtml(c.note)}</div>` : '') +
        `<div class="chart" id="chart-${c.id}" data-chart="${c.id}"></div>`,
    )
    .join('\n');
  const body = [
    `<h1>flashcrowd ${escapeHtml(record.kind)} <code>${escapeHtml(record.runId)}</code></h1>`,
    `<p class="verdict">${escapeHtml(verdict(record, options.allowUnknown))}</p>`,
    `<p>${escapeHtml(runNarrative(record).join(' '))}</p>`,
    `<h2>Requests</h2>${htmlTable(requestsTable(record))}`,
    `<h2>Outcomes</h2>${htmlTable(statusTable(record))}`,
    ...sectionIfRows('Flows', flowsTable(record)),
    ...sectionIfRows('Checks', checksTable(record)),
    `<h2>Charts</h2>${chartDivs}`,
    costSectionHtml(record, (t) => htmlTable(t), escapeHtml),
    record.gates.length > 0 ? `<h2>Gates</h2>${htmlTable(gatesTable(record), 0)}` : '',
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>flashcrowd ${escapeHtml(record.runId)}</title>
<style>${assets.css}</style><style>${STYLE}</style>
</head><body>
${body}
<script type="application/json" id="flashcrowd-charts">${scriptJson(charts)}</script>
<script>${assets.js.replace(/<\/script/gi, '<\\/script')}</script>
<script>${HTML_CHART_SCRIPT}</script>
</body></html>
`;
}

/** A titled table, or nothing when it has no rows (no flows, no checks). */
function sectionIfRows(title: string, t: TextTable): string[] {
  return t.rows.length > 0 ? [`<h2>${title}</h2>${htmlTable(t)}`] : [];
}
