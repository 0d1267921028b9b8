/**
 * renderJUnit: the gates as JUnit XML (one testcase per gate, in declaration order) for CI
 * systems that display test results. A failed gate is a <failure>; an unknown one is a <failure>
 * too unless unknowns are allowed, then <skipped>. A run that did not complete (`incomplete`,
 * `failed`, `aborted`, `running`) adds a failing testcase `run status` first, so CI never reads a
 * broken record as a pass. Pure: returns a string.
 */
import type { GateResult, RunRecord } from '../record/run-record.js';
import { formatGateValue } from './format-values.js';

export interface JUnitOptions {
  /**
   * `--allow-unknown`: unknown gates are reported as skipped instead of failed. Defaults to the
   * run record's `environment.allowUnknown`.
   */
  allowUnknown?: boolean;
}

/** escapeXml escapes text for XML attributes and content (and drops characters XML forbids). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testcase(gate: GateResult, classname: string, options: JUnitOptions): string {
  const name = escapeXml(gate.expr);
  const observed = formatGateValue(gate.expr, gate.observed);
  const detail = escapeXml(
    `observed ${observed}, threshold ${formatGateValue(gate.expr, gate.threshold)}${gate.note ? `; ${gate.note}` : ''}`,
  );
  const open = `    <testcase classname="${classname}" name="${name}" time="0">`;
  if (gate.verdict === 'pass')
    return `    <testcase classname="${classname}" name="${name}" time="0"/>`;
  if (gate.verdict === 'unknown' && options.allowUnknown)
    return `${open}\n      <skipped message="${detail}"/>\n    </testcase>`;
  const type = gate.verdict === 'fail' ? 'GateFailed' : 'GateUnknown';
  return `${open}\n      <failure message="${detail}" type="${type}">${detail}</failure>\n    </testcase>`;
}

/** renderJUnit returns a complete XML document with one testsuite named after the run. */
export function renderJUnit(record: RunRecord, given: JUnitOptions = {}): string {
  const options = { allowUnknown: given.allowUnknown ?? record.environment.allowUnknown };
  const statusCase = runStatusCase(record);
  const failures =
    record.gates.filter(
      (g) => g.verdict === 'fail' || (g.verdict === 'unknown' && !options.allowUnknown),
    ).length + (statusCase ? 1 : 0);
  const skipped = record.gates.filter(
    (g) => g.verdict === 'unknown' && options.allowUnknown,
  ).length;
  const suite = escapeXml(
    `flashcrowd gates: ${typeof record.profile.name === 'string' ? record.profile.name : record.runId}`,
  );
  const classname = escapeXml(`flashcrowd.${record.runId}`);
  const tests = record.gates.length + (statusCase ? 1 : 0);
  const attrs = `name="${suite}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${record.startedAt}"`;
  const cases = [
    ...(statusCase ? [statusCase(classname)] : []),
    ...record.gates.map((g) => testcase(g, classname, options)),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs.replace(/ timestamp="[^"]*"/, '')}>`,
    `  <testsuite ${attrs}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The failing `run status` testcase of a run that did not complete, or null. */
function runStatusCase(record: RunRecord): ((classname: string) => string) | null {
  if (record.status === 'completed') return null;
  const detail = escapeXml(
    `the run is ${record.status}${record.statusReason ? `: ${record.statusReason}` : ''}`,
  );
  return (classname) =>
    `    <testcase classname="${classname}" name="run status" time="0">\n` +
    `      <failure message="${detail}" type="RunNotCompleted">${detail}</failure>\n    </testcase>`;
}
