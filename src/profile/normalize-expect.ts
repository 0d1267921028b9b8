/**
 * normalizeExpect: a schema-valid `expect:` block -> the ExpectSpec of types.ts (status rules,
 * header and JSON checks in written order, durations in ms). Pure.
 */
import { durationToMs } from './duration.js';
import { HEADER_REGEX, type WrittenExpect } from './expect-schema.js';
import type { ExpectSpec, StatusRule } from './types.js';

/** Normalizes one `expect:` block (the schema has checked every value). */
export function normalizeExpect(written: WrittenExpect): ExpectSpec {
  const spec: ExpectSpec = { headers: [], json: [] };
  if (written.status !== undefined) {
    const rules = Array.isArray(written.status) ? written.status : [written.status];
    spec.status = rules.map(statusRule);
  }
  for (const [name, value] of Object.entries(written.header ?? {})) {
    const match = HEADER_REGEX.exec(value);
    spec.headers.push(
      match
        ? { name: name.toLowerCase(), pattern: { source: match[1], flags: match[2] } }
        : { name: name.toLowerCase(), equals: value },
    );
  }
  for (const [path, value] of Object.entries(written.json ?? {})) {
    spec.json.push(
      value === 'exists' ? { path, exists: true } : { path, exists: false, equals: value },
    );
  }
  if (written.bodyContains !== undefined) spec.bodyContains = written.bodyContains;
  if (written.within !== undefined) spec.withinMs = durationToMs(written.within) ?? 0;
  return spec;
}

function statusRule(rule: number | string): StatusRule {
  return typeof rule === 'number' ? { code: rule } : { klass: Number(rule[0]) };
}
