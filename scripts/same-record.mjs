#!/usr/bin/env node
// same-record: do two run.json files hold the same run, timestamps and run id aside?
// Usage: node scripts/same-record.mjs A/run.json B/run.json   (exit 0 = same, 1 = differs)
// Drops runId, startedAt, endedAt and environment (args, versions) and makes every platform point
// time (platform.series[].points) relative to its record's start, so records of one seed made at
// different times compare; other points (a trace phase's, in the profile) are kept as they are.
import { readFileSync } from 'node:fs';

const IGNORED = new Set(['runId', 'startedAt', 'endedAt', 'environment']);

function normalize(record) {
  const startMs = Date.parse(record.startedAt);
  const shift = (v, inSeries) => {
    if (Array.isArray(v)) return v.map((x) => shift(x, inSeries));
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        if (IGNORED.has(k)) continue;
        out[k] = inSeries && k === 'points' ? x.map(([t, y]) => [t - startMs, y]) : shift(x, false);
      }
      return out;
    }
    return v;
  };
  const { platform, ...rest } = record;
  const series = platform?.series;
  const shifted = shift(rest, false);
  if (platform !== undefined)
    shifted.platform = {
      ...shift({ ...platform, series: undefined }, false),
      ...(series === undefined ? {} : { series: shift(series, true) }),
    };
  return JSON.stringify(shifted, null, 1).split('\n');
}

const [a, b] = process.argv.slice(2, 4).map((p) => normalize(JSON.parse(readFileSync(p, 'utf8'))));
const diffs = [];
for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) diffs.push(i);
if (diffs.length === 0) {
  console.log(`same run (${a.length} lines compared; ${[...IGNORED].join(', ')} ignored)`);
  process.exit(0);
}
console.log(`${diffs.length} lines differ; first ones:`);
for (const i of diffs.slice(0, 10)) console.log(`line ${i}:\n  - ${a[i]}\n  + ${b[i]}`);
process.exit(1);
