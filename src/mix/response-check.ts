/**
 * ResponseChecks: the `expect:` of one request, compiled once (regular expressions built, names
 * given) and run on each reply. Pure apart from the counter it reports to; a failed check is a
 * result (counted), never an exception. Shared by the generator and simulate.
 */
import type { ExpectSpec, StatusRule } from '../profile/types.js';
import { jsonPathValues } from './json-path.js';
import type { ReplyNeeds, ReplyView } from './reply-view.js';

/** One compiled check: its name in tables and run.json, and its test. */
interface Check {
  name: string;
  passes(reply: ReplyView): boolean;
}

/** The compiled checks of one request. */
export interface ResponseChecks {
  /** Check names, in the order `run` reports them (status, header, json, bodyContains, within). */
  readonly names: readonly string[];
  /** What the checks read of a reply (the body is kept only when a check needs it). */
  readonly needs: ReplyNeeds;
  /**
   * run tests every check on `reply` and calls `count(checkIndex, passed)` once per check.
   * A reply without a status (a transport error) fails every check. Returns the failures.
   */
  run(reply: ReplyView, count: (checkIndex: number, passed: boolean) => void): number;
}

/** compileChecks compiles one `expect:` block (undefined -> no checks at all). */
export function compileChecks(expect: ExpectSpec | undefined): ResponseChecks {
  const checks = expect ? checksOf(expect) : [];
  const body =
    expect !== undefined && (expect.json.length > 0 || expect.bodyContains !== undefined);
  return {
    names: checks.map((c) => c.name),
    needs: { body, headers: (expect?.headers.length ?? 0) > 0 },
    run(reply, count) {
      let failed = 0;
      for (let i = 0; i < checks.length; i++) {
        const passed = reply.errorCode === null && checks[i].passes(reply);
        if (!passed) failed++;
        count(i, passed);
      }
      return failed;
    },
  };
}

/** checkNames: the names compileChecks gives the checks of `expect` (for records and tables). */
export function checkNames(expect: ExpectSpec | undefined): string[] {
  return expect ? checksOf(expect).map((c) => c.name) : [];
}

function checksOf(expect: ExpectSpec): Check[] {
  const checks: Check[] = [];
  if (expect.status) checks.push(statusCheck(expect.status));
  for (const header of expect.headers) checks.push(headerCheck(header));
  for (const rule of expect.json) checks.push(jsonCheck(rule));
  if (expect.bodyContains !== undefined) {
    const text = expect.bodyContains;
    checks.push({ name: `body contains ${quote(text)}`, passes: (r) => r.text().includes(text) });
  }
  if (expect.withinMs !== undefined) {
    const limit = expect.withinMs;
    checks.push({ name: `within ${limit}ms`, passes: (r) => r.latencyMs <= limit });
  }
  return checks;
}

function statusCheck(rules: StatusRule[]): Check {
  const name = `status ${rules.map((r) => ('code' in r ? String(r.code) : `${r.klass}xx`)).join('|')}`;
  return {
    name,
    passes: (r) =>
      rules.some((rule) =>
        'code' in rule ? r.status === rule.code : Math.floor(r.status / 100) === rule.klass,
      ),
  };
}

function headerCheck(header: ExpectSpec['headers'][number]): Check {
  if (header.pattern) {
    const pattern = new RegExp(header.pattern.source, header.pattern.flags.replace(/[gy]/g, ''));
    return {
      name: `header ${header.name} ~ /${header.pattern.source}/${header.pattern.flags}`,
      passes: (r) => r.headerValues(header.name).some((v) => pattern.test(v)),
    };
  }
  const expected = header.equals ?? '';
  return {
    name: `header ${header.name} == ${quote(expected)}`,
    passes: (r) => r.headerValues(header.name).includes(expected),
  };
}

function jsonCheck(rule: ExpectSpec['json'][number]): Check {
  if (rule.exists)
    return {
      name: `json ${rule.path} exists`,
      passes: (r) => jsonPathValues(r.json(), rule.path).some((v) => v !== undefined),
    };
  const expected = rule.equals;
  return {
    name: `json ${rule.path} == ${JSON.stringify(expected)}`,
    passes: (r) => jsonPathValues(r.json(), rule.path)[0] === expected,
  };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
