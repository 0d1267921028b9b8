/**
 * renderJUnit: the gates as JUnit XML (one testcase per gate, in declaration order) for CI
 * systems that keep test history (Jenkins, GitLab, GitHub test reporters). The testcases'
 * `classname` is the profile's name, so the same gate of the same profile is the same test in
 * every run; each testcase and the suite take the run's duration as `time` (every gate is judged
 * over the whole run); the suite carries the run's start as `timestamp` and the machine that ran
 * it as `hostname`. Every testcase, passed or not, states its observed value and threshold twice:
 * as `<properties>` (raw numbers, for tools) and in `<system-out>` (a sentence, for people).
 * A failed gate is a <failure>; an unknown one is a <failure> too unless unknowns are allowed,
 * then <skipped>. A run that did not complete (`incomplete`, `failed`, `aborted`, `running`) adds
 * a failing testcase `run status` first, so CI never reads a broken record as a pass. Pure:
 * returns a string.
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
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The profile's name (stable across runs); the run id only for a record without one. */
export function junitClassname(record: RunRecord): string {
  const name = record.profile.name;
  return typeof name === 'string' && name.trim() !== '' ? name : record.runId;
}

/** Seconds from start to end with millisecond precision (0 while still running). */
function runSeconds(record: RunRecord): string {
  const end = record.endedAt ? Date.parse(record.endedAt) : NaN;
  const ms = end - Date.parse(record.startedAt);
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

function property(name: string, value: string): string {
  return `        <property name="${name}" value="${escapeXml(value)}"/>`;
}

function testcase(gate: GateResult, attrs: string, options: JUnitOptions): string {
  const observed = formatGateValue(gate.expr, gate.observed);
  const threshold = formatGateValue(gate.expr, gate.threshold);
  const sentence = `observed ${observed}, threshold ${threshold}${gate.note ? `; ${gate.note}` : ''}`;
  const detail = escapeXml(sentence);
  const lines = [
    `    <testcase ${attrs} name="${escapeXml(gate.expr)}">`,
    '      <properties>',
    property('observed', gate.observed === null ? 'not collected' : String(gate.observed)),
    property('threshold', String(gate.threshold)),
    property('verdict', gate.verdict),
    '      </properties>',
  ];
  if (gate.verdict === 'unknown' && options.allowUnknown)
    lines.push(`      <skipped message="${detail}"/>`);
  else if (gate.verdict !== 'pass') {
    const type = gate.verdict === 'fail' ? 'GateFailed' : 'GateUnknown';
    lines.push(`      <failure message="${detail}" type="${type}">${detail}</failure>`);
  }
  lines.push(`      <system-out>${escapeXml(`${gate.verdict}: ${sentence}`)}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

/** renderJUnit returns a complete XML document with one testsuite named after the profile. */
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
  const classname = escapeXml(junitClassname(record));
  const time = runSeconds(record);
  const tests = record.gates.length + (statusCase ? 1 : 0);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const suite =
    `name="flashcrowd gates: ${classname}" ${counts} timestamp="${escapeXml(record.startedAt)}" ` +
    `hostname="${escapeXml(record.environment.hostname ?? 'localhost')}"`;
  const cases = [
    ...(statusCase ? [statusCase(classname)] : []),
    ...record.gates.map((g) => testcase(g, `classname="${classname}" time="${time}"`, options)),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flashcrowd" ${counts}>`,
    `  <testsuite ${suite}>`,
    '    <properties>',
    `      <property name="runId" value="${escapeXml(record.runId)}"/>`,
    `      <property name="status" value="${escapeXml(record.status)}"/>`,
    `      <property name="target" value="${escapeXml(record.target.url)}"/>`,
    '    </properties>',
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
