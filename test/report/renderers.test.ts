import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { compareRuns, parseMaxRegression } from '../../src/analysis/compare-runs.js';
import { renderComparison } from '../../src/report/comparison-report.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderJUnit } from '../../src/report/junit-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import { renderJson } from '../../src/report/json-report.js';
import { runRecordSchema } from '../../src/record/run-record.js';
import { expectGolden } from './golden.js';
import { GATE_EXPRESSIONS, reportRecord } from './fixtures.js';

const record = reportRecord();

/** Twelve request names, nine gates and warnings: the one-screen budget must still hold. */
function crowdedRecord() {
  const r = reportRecord();
  for (let i = 0; i < 12; i++) {
    const name = `request-with-a-rather-long-name-${i}`;
    r.byRequest[name] = r.byRequest.getNote;
    r.latencyMs.byRequest[name] = r.latencyMs.byRequest.getNote;
  }
  r.gates = [...r.gates, ...r.gates.slice(0, 3)];
  r.warnings = ['the generator fell behind: 12 arrivals were dropped', 'another warning'];
  return r;
}

describe('golden reports', () => {
  it('terminal summary (no color, 100 columns)', () => {
    expectGolden('terminal.txt', renderTerminalSummary(record, { color: false, width: 100 }));
  });
  it('terminal summary, verbose (no color, 80 columns)', () => {
    expectGolden(
      'terminal-verbose.txt',
      renderTerminalSummary(record, { color: false, width: 80, verbose: true }),
    );
  });
  it('HTML (chart library left out)', () => {
    expectGolden('report.html', renderHtml(record, { js: '/* uPlot */', css: '/* uPlot css */' }));
  });
  it('compare (terminal and Markdown)', () => {
    const before = reportRecord({ runId: 'before' });
    before.totals = { ...before.totals, throttled: 0 };
    const after = reportRecord({ runId: 'after' });
    after.latencyMs.overall = { ...after.latencyMs.overall!, p99: 207 };
    const c = compareRuns(before, after, [
      parseMaxRegression('throttle_rate=+0.5pp'),
      parseMaxRegression('throttle_rate=1%'),
      parseMaxRegression('p99=+50ms'),
      parseMaxRegression('p99=10%'),
    ]);
    const terminal = renderComparison(c, { format: 'terminal' });
    expect(terminal).toMatch(/throttle rate \(429\) +0% +3% +\+3 pp \(from 0\)/);
    expect(terminal).toMatch(/FAIL +throttle_rate at most \+0.5pp +\+3 pp/);
    expect(terminal).toMatch(/FAIL +throttle_rate at most \+1% +from 0 to 3%/);
    expect(terminal).toMatch(/PASS +p99 at most \+50ms +\+27.0 ms/);
    expect(terminal).toMatch(/FAIL +p99 at most \+10% +\+15%/);
    expect(terminal).not.toContain('inf');
    expectGolden('compare.txt', terminal);
    expectGolden('compare.md', renderComparison(c, { format: 'md' }));
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
    const text = renderTerminalSummary(record, { color: false, width: 100, verbose: true });
    expect(text).toMatch(/30 were throttled\s+with HTTP 429 \(3%\)/);
    expect(text.replace(/\s+/g, ' ')).toMatch(/Why throttles: in the model, LMI/);
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
    expect(prose).toMatch(/^Simulated 1,000 requests/);
    for (const line of prose.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
  it.each([60, 80, 100, 160])('fits one screen (45 lines) and %i columns by default', (width) => {
    for (const r of [record, crowdedRecord()]) {
      const lines = renderTerminalSummary(r, { color: false, width }).trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(45);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });
  it('shows verdict, one per-request table, outcomes, the rate chart, cost headline and gates', () => {
    const text = renderTerminalSummary(record, { color: false, width: 100 });
    expect(text.split('\n')[0]).toMatch(/FAIL: 2 of 6 gates did not pass/);
    expect(text).toMatch(/request\s+count\s+ok %\s+p50 ms\s+p95 ms\s+p99 ms\s+max ms/);
    expect(text).toMatch(/Outcomes: HTTP 200 950 \(95%\) · HTTP 429 30 \(3%\)/);
    expect(text).toMatch(
      /█ ok \(2xx\/3xx\) per second {3}- target \(planned\) {3}\* 429 {3}x errors/,
    );
    expect(text).toMatch(/^ {4}429 ┤ +\*+$/m);
    expect(text).toMatch(/^Cost: cheapest fleet m7g.large x 2, \$0.467 per 1M requests/m);
    expect(text).toMatch(/^FAIL {4}http.error_rate < 1% {2}observed 2%$/m);
    expect(text).not.toMatch(/Latency percentiles|Responses by outcome/);
  });
  it('--verbose keeps every table and chart, latency on a log scale, lines named in plain text', () => {
    const text = renderTerminalSummary(record, { color: false, width: 100, verbose: true });
    for (const title of [
      'Requests',
      'Outcomes',
      'Latency percentiles (ms, log scale)',
      'Responses by outcome',
      'LMI instances',
      'LMI CPU utilization',
      'Cost of this run',
      'Compute cost of the same work at each utilization',
      'Gates: 2 of 6 gates did not pass',
    ])
      expect(text).toContain(title);
    expect(text).toContain('. p50   + p90   * p99');
    expect(text).toMatch(/^ +1s ┤/m);
    expect(text).toMatch(/^ +100 ┤/m);
  });
  it('explains on-demand throttles and leaves out absent sections', () => {
    const plain = reportRecord({
      withLmi: false,
      target: { url: 'http://127.0.0.1:1', kind: 'embedded', platform: 'on-demand' },
    });
    plain.platform.model = {
      'onDemand.newEnvironmentsPer10s': { value: 1000, source: 'scaling-behavior.html' },
      'onDemand.accountConcurrency': { value: 1000, source: 'lambda-concurrency.html' },
    };
    plain.gates = [];
    plain.cost = null;
    const text = renderTerminalSummary(plain, { color: false, width: 100 });
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /1,000 execution environments per function every 10 s/,
    );
    expect(text).not.toMatch(/LMI instances|Gates|Cost of this run/);
  });
});

describe('renderMarkdown', () => {
  it('has verdict, narrative, gates, cost headline and one table, numbers formatted one way', () => {
    const md = renderMarkdown(record);
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# flashcrowd simulate `fixture-run`', '## Gates', '## Requests']);
    expect(md).toContain('**FAIL**: 2 of 6 gates did not pass (1 failed, 1 unknown).');
    expect(md).toContain('| FAIL | http.error_rate < 1% | 2% | 1% |  |');
    expect(md).toMatch(/\*\*Cost\.\*\* cheapest fleet m7g.large x 2, \$0.467 per 1M requests/);
    expect(md).toContain('| all | 1,000 | 95.0 | 45.0 | - | 180 | 200 |');
    // Units once, in the header: no cell of the table repeats one.
    const table = md.slice(md.indexOf('## Requests'));
    expect(table.split('\n').slice(4).join('\n')).not.toMatch(/ ms|%/);
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

  it('keeps classname stable across runs (the profile name) and times every case and the suite', () => {
    const other = reportRecord({ runId: 'another-run' });
    other.environment.hostname = 'ci-runner-7';
    const again = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      renderJUnit(other),
    );
    const first = parsed.testsuites.testsuite;
    const second = again.testsuites.testsuite;
    const classnames = (s: { testcase: Array<{ classname: string }> }) =>
      s.testcase.map((c) => c.classname);
    expect(new Set(classnames(first))).toEqual(new Set(['fixture']));
    expect(classnames(second)).toEqual(classnames(first));
    expect(first).toMatchObject({
      time: '10.000',
      timestamp: '2026-01-02T03:04:05.000Z',
      hostname: 'localhost',
    });
    expect(second.hostname).toBe('ci-runner-7');
    for (const c of first.testcase as Array<Record<string, unknown>>) expect(c.time).toBe('10.000');
  });

  it('gives every testcase, passed or not, its observed value and threshold', () => {
    const cases = parsed.testsuites.testsuite.testcase as Array<{
      name: string;
      properties: { property: Array<{ name: string; value: string }> };
      'system-out': string;
    }>;
    const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
    const props = (name: string) =>
      Object.fromEntries(byName[name].properties.property.map((p) => [p.name, p.value]));
    expect(props('http.p99 < 800ms')).toEqual({
      observed: '180',
      threshold: '800',
      verdict: 'pass',
    });
    expect(byName['http.p99 < 800ms']['system-out']).toBe(
      'pass: observed 180 ms, threshold 800 ms',
    );
    expect(props('apigw.5xx_rate < 0.5%').observed).toBe('not collected');
    for (const c of cases) expect(c['system-out']).toMatch(/observed .+, threshold /);
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

  it('keeps characters beyond the Basic Multilingual Plane, and drops only what XML forbids', () => {
    const named = { ...record, profile: { ...record.profile, name: 'spike 🚀\u0001 test' } };
    const out = renderJUnit(named);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('classname="spike 🚀 test"');
  });
});

describe('renderJson', () => {
  it('round-trips through the run record schema', () => {
    expect(runRecordSchema.parse(JSON.parse(renderJson(record)))).toEqual(record);
  });
});
