/**
 * writeReports: writes the file reports of a run into its folder (report.md, report.html,
 * junit.xml) and appends the Markdown to `$GITHUB_STEP_SUMMARY` when the caller passes that path.
 * The renderers stay pure; this is where their output meets the disk.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { RunRecord } from '../record/run-record.js';
import type { ChartAssets } from './chart-assets.js';
import { renderHtml } from './html-report.js';
import { renderJUnit } from './junit-report.js';
import { renderMarkdown } from './markdown-report.js';

/** Every format `report --format` accepts; `terminal` and `json` print to stdout. */
export const REPORT_FORMATS = ['terminal', 'md', 'html', 'junit', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The file each file format is written to, inside the run folder. */
export const REPORT_FILES: Record<'md' | 'html' | 'junit', string> = {
  md: 'report.md',
  html: 'report.html',
  junit: 'junit.xml',
};

/** parseReportFormats reads `terminal,md,html`; throws UsageError naming an unknown format. */
export function parseReportFormats(text: string): ReportFormat[] {
  const formats = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '')
    .map((f) => (f === 'markdown' ? 'md' : f === 'xml' ? 'junit' : f));
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    throw new UsageError(
      `--format ${text}: unknown format ${unknown.join(', ') || '(none)'}; choose from ${REPORT_FORMATS.join(', ')}`,
    );
  }
  return [...new Set(formats)] as ReportFormat[];
}

export interface WriteReportsOptions {
  /** The path in `$GITHUB_STEP_SUMMARY`; the Markdown report is appended to it when `md` is written. */
  githubStepSummary?: string;
  /** `--allow-unknown` for every verdict; when omitted, the record's own setting applies. */
  allowUnknown?: boolean;
  /** Chart library to inline (default: read from node_modules). */
  assets?: ChartAssets;
  /**
   * Told when `githubStepSummary` cannot be appended to. That file is CI's extra: the report
   * files are written all the same and the exit code stays the verdict's.
   */
  warn?: (message: string) => void;
}

/** renderFileReport: the text of one file format (what writeReports writes for it). */
export function renderFileReport(
  format: 'md' | 'html' | 'junit',
  record: RunRecord,
  options: Pick<WriteReportsOptions, 'allowUnknown' | 'assets'> = {},
): string {
  const verdict = { allowUnknown: options.allowUnknown };
  if (format === 'md') return renderMarkdown(record, verdict);
  if (format === 'html') return renderHtml(record, options.assets, verdict);
  return renderJUnit(record, verdict);
}

/** writeReports returns the paths written, in format order; `terminal`/`json` are skipped. */
export function writeReports(
  dir: string,
  record: RunRecord,
  formats: readonly ReportFormat[] = ['md', 'html', 'junit'],
  options: WriteReportsOptions = {},
): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  let markdown: string | undefined;
  for (const format of formats) {
    if (format === 'terminal' || format === 'json') continue;
    const path = join(dir, REPORT_FILES[format]);
    const text = renderFileReport(format, record, options);
    writeFileSync(path, text);
    written.push(path);
    if (format === 'md') markdown = text;
  }
  const summary = options.githubStepSummary;
  if (markdown !== undefined && summary) {
    try {
      appendFileSync(summary, `${markdown}\n`);
      written.push(summary);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const message = `cannot append the Markdown report to $GITHUB_STEP_SUMMARY (${summary}: ${code}); the report files are written`;
      if (!options.warn) throw new Error(message);
      options.warn(message);
    }
  }
  return written;
}
