import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJUnit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import { renderJson } from '../../src/report/json-report.js';
import { runRecordSchema } from '../../src/record/run-record.js';
import { expectGolden } from './golden.js';
import { GATE_EXPRESSIONS, reportRecord } from './fixtures.js';

const record = reportRecord();

describe('golden reports', () => {
  it('terminal summary (no color, 100 columns)', () => {
    expectGolden('terminal.txt', renderTerminalSummary(record, { color: false, width: 100 }));
  });
  it('Markdown', () => {
    expectGolden('report.md', renderMarkdown(record));
  });
  it('JUnit', () => {
    expectGolden('junit.xml', renderJUnit(record));
  });
});

describe('renderTerminalSummary', () => {
  it('says what happened, why throttles, the prices used and each gate verdict', () => {
    const text = renderTerminalSummary(record, { color: false, width: 100 });
    expect(text).toMatch(/30 were throttled\s+with HTTP 429 \(3%\)/);
    expect(text).toMatch(/Why throttles: LMI/);
    expect(text).toContain('Prices of 2026-07-20 (us-east-1)');
    for (const expr of GATE_EXPRESSIONS) expect(text).toContain(expr);
    expect(text.includes('\u001b[')).toBe(false);
  });
  it('colors only when asked and keeps prose within the width', () => {
    expect(renderTerminalSummary(record, { color: true, width: 100 }).includes('\u001b[')).toBe(
      true,
    );
    const narrow = renderTerminalSummary(record, { color: false, width: 60 });
    const prose = narrow.split('\n\n')[1];
    for (const line of prose.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
  it('explains on-demand throttles and leaves out absent sections', () => {
    const plain = reportRecord({
      withLmi: false,
      target: { url: 'http://127.0.0.1:1', kind: 'external', platform: 'on-demand' },
    });
    plain.gates = [];
    plain.cost = null;
    const text = renderTerminalSummary(plain, { color: false, width: 100 });
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /1,000 execution environments per function every 10 s/,
    );
    expect(text).not.toMatch(/LMI instances|Gates|Cost of this run/);
  });
});

describe('renderJUnit', () => {
  const xml = renderJUnit(record);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

  it('is well-formed XML with one testcase per gate in declaration order', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parsed.testsuites.testsuite;
    const cases = suite.testcase as Array<Record<string, unknown>>;
    expect(cases.map((c) => c.name)).toEqual(GATE_EXPRESSIONS);
    expect(Number(suite.tests)).toBe(GATE_EXPRESSIONS.length);
  });

  it('marks failed and unknown gates as failures, unknown as skipped with allowUnknown', () => {
    const verdicts = record.gates.map((g) => g.verdict);
    const cases = parsed.testsuites.testsuite.testcase as Array<Record<string, unknown>>;
    cases.forEach((c, i) => expect('failure' in c).toBe(verdicts[i] !== 'pass'));
    expect(Number(parsed.testsuites.testsuite.failures)).toBe(
      verdicts.filter((v) => v !== 'pass').length,
    );
    const lenient = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      renderJUnit(record, { allowUnknown: true }),
    );
    const lenientCases = lenient.testsuites.testsuite.testcase as Array<Record<string, unknown>>;
    lenientCases.forEach((c, i) => expect('skipped' in c).toBe(verdicts[i] === 'unknown'));
  });

  it('escapes markup in gate expressions', () => {
    const tricky = {
      ...record,
      gates: [
        {
          expr: 'http.p99{request=a<b&"c"} < 5ms',
          verdict: 'fail' as const,
          observed: 9,
          threshold: 5,
        },
      ],
    };
    const out = renderJUnit(tricky);
    expect(XMLValidator.validate(out)).toBe(true);
    const parsed2 = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: true,
    }).parse(out);
    expect(parsed2.testsuites.testsuite.testcase.name).toBe('http.p99{request=a<b&"c"} < 5ms');
  });
});

describe('renderJson', () => {
  it('round-trips through the run record schema', () => {
    expect(runRecordSchema.parse(JSON.parse(renderJson(record)))).toEqual(record);
  });
});
