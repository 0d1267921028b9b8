import { describe, expect, it } from 'vitest';
import { gateVerdict } from '../../src/report/gate-verdict.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderJUnit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import type { RunRecord } from '../../src/record/run-record.js';
import { reportRecord } from './fixtures.js';

/** The report fixture without its failing gate: 4 pass, 1 unknown (apigw was not collected). */
function unknownOnly(allowUnknown?: boolean): RunRecord {
  const record = reportRecord();
  record.gates = record.gates.filter((g) => g.verdict !== 'fail');
  if (allowUnknown !== undefined) record.environment.allowUnknown = allowUnknown;
  return record;
}

const ALLOWED = 'all gates passed (1 unknown, allowed by --allow-unknown)';
const assets = { js: '/* no chart library in this test */', css: '' };

describe('gateVerdict', () => {
  it('counts the verdicts and honours allowUnknown from the record or the caller', () => {
    expect(unknownOnly().gates.map((g) => g.verdict)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'unknown',
    ]);
    expect(gateVerdict(unknownOnly())).toEqual({
      passed: false,
      total: 5,
      failed: 0,
      unknown: 1,
      sentence: '1 of 5 gates did not pass (0 failed, 1 unknown)',
    });
    expect(gateVerdict(unknownOnly(true))).toMatchObject({ passed: true, sentence: ALLOWED });
    expect(gateVerdict(unknownOnly(true), false).passed).toBe(false);
    expect(gateVerdict(unknownOnly(), true).passed).toBe(true);
    expect(gateVerdict(reportRecord(), true)).toMatchObject({
      passed: false,
      sentence: '2 of 6 gates did not pass (1 failed, 1 unknown)',
    });
  });
});

describe('reports of a run with --allow-unknown', () => {
  it('say PASS in every format when the record allows unknowns', () => {
    const record = unknownOnly(true);
    expect(renderTerminalSummary(record, { color: false, width: 100 })).toContain(
      `PASS: ${ALLOWED}`,
    );
    expect(renderMarkdown(record)).toContain(`**PASS**: ${ALLOWED}.`);
    expect(renderHtml(record, assets)).toContain(`PASS: ${ALLOWED}.`);
    const xml = renderJUnit(record);
    expect(xml).toContain('failures="0"');
    expect(xml).toContain('skipped="1"');
  });

  it('say FAIL when unknowns are not allowed, and the caller may override the record', () => {
    const record = unknownOnly();
    expect(renderMarkdown(record)).toContain('**FAIL**: 1 of 5 gates did not pass');
    expect(renderHtml(record, assets)).toContain('FAIL: 1 of 5 gates did not pass');
    expect(renderJUnit(record)).toContain('failures="1"');
    expect(renderMarkdown(record, { allowUnknown: true })).toContain(`**PASS**: ${ALLOWED}.`);
    expect(renderHtml(unknownOnly(true), assets, { allowUnknown: false })).toContain('FAIL:');
  });
});

describe('reports of a run that did not complete', () => {
  it('say FAIL in every format even when every gate passed, as the exit code and JUnit do', () => {
    const record = unknownOnly(true);
    record.status = 'aborted';
    const sentence = `the run is aborted, which does not pass (${ALLOWED} on what it sent)`;
    expect(gateVerdict(record)).toMatchObject({ passed: false, sentence });
    expect(renderTerminalSummary(record, { color: false, width: 200 })).toContain(
      `FAIL: ${sentence}`,
    );
    expect(renderMarkdown(record)).toContain(`**FAIL**: ${sentence}.`);
    const html = renderHtml(record, assets);
    expect(html).toContain('class="verdict fail"');
    expect(html).not.toContain('class="verdict pass"');
    expect(renderJUnit(record)).toContain('name="run status"');
    const failed = reportRecord();
    failed.status = 'incomplete';
    expect(gateVerdict(failed, true).sentence).toBe(
      '2 of 6 gates did not pass (1 failed, 1 unknown); the run is incomplete',
    );
  });
});
