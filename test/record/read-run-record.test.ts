import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordError } from '../../src/errors.js';
import { readRunRecord, runRecordPath } from '../../src/record/read-run-record.js';
import { parseReportFormats, writeReports } from '../../src/report/write-reports.js';
import { UsageError } from '../../src/errors.js';
import { reportRecord } from '../report/fixtures.js';

function runDir(content: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-record-'));
  if (content !== null) writeFileSync(join(dir, 'run.json'), content);
  return dir;
}

describe('readRunRecord', () => {
  const record = reportRecord();
  it('reads a run folder or its run.json', () => {
    const dir = runDir(JSON.stringify(record));
    expect(readRunRecord(dir)).toEqual(record);
    expect(readRunRecord(join(dir, 'run.json'))).toEqual(record);
  });
  it.each([
    ['a missing file', null, /cannot read run record .*run.json: no such file/],
    ['a truncated file', JSON.stringify(record).slice(0, 200), /is corrupt: not valid JSON/],
    [
      'another schema version',
      JSON.stringify({ ...record, schemaVersion: 2 }),
      /has schemaVersion 2; this flashcrowd reads version 1/,
    ],
    ['no schema version', JSON.stringify({ hello: 1 }), /has schemaVersion undefined/],
    [
      'a wrong field',
      JSON.stringify({ ...record, totals: { ...record.totals, sent: -1 } }),
      /is corrupt: totals.sent/,
    ],
  ])('throws RecordError for %s', (_, content, message) => {
    const dir = runDir(content);
    expect(() => readRunRecord(dir)).toThrow(RecordError);
    expect(() => readRunRecord(dir)).toThrow(message);
  });
});

describe('runRecordPath', () => {
  it('names run.json once for a missing folder, also when applied twice', () => {
    const missing = join(tmpdir(), 'flashcrowd-no-such-run');
    const path = runRecordPath(missing);
    expect(path).toBe(join(missing, 'run.json'));
    expect(runRecordPath(path)).toBe(path);
    expect(() => readRunRecord(path)).toThrow(
      `cannot read run record ${path}: no such file (is ${missing} a flashcrowd run folder?)`,
    );
  });
});

describe('writeReports', () => {
  it('writes report.md, report.html and junit.xml and appends to the step summary', () => {
    const dir = join(runDir(null), 'nested');
    const summary = join(runDir(null), 'summary.md');
    writeFileSync(summary, 'before\n');
    const written = writeReports(dir, reportRecord(), ['md', 'html', 'junit', 'terminal'], {
      githubStepSummary: summary,
      assets: { js: '/* chart lib */', css: '' },
    });
    // The step summary last: it is appended once every report file is written.
    expect(written).toEqual([
      join(dir, 'report.md'),
      join(dir, 'report.html'),
      join(dir, 'junit.xml'),
      summary,
    ]);
    expect(readFileSync(summary, 'utf8')).toBe(
      `before\n${readFileSync(join(dir, 'report.md'), 'utf8')}\n`,
    );
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('/* chart lib */');
  });
  it('parses --format lists and rejects unknown formats', () => {
    expect(parseReportFormats('terminal, md,html,junit,json,md')).toEqual([
      'terminal',
      'md',
      'html',
      'junit',
      'json',
    ]);
    expect(() => parseReportFormats('md,pdf')).toThrow(UsageError);
    expect(() => parseReportFormats('')).toThrow(/unknown format/);
  });
});
