// Tool adapters for bench/cloud.mjs: the command line of each tool for one cloud scenario (an
// https:// target, a fixed rate or flashcrowd's own profile, `conns` connections allowed) and how
// to read from its output the responses, p99 latency and, where the tool gives per-request or
// per-second data, the requests it sent each second.
//
// c = { url, ca, ratePerSec, durationS, conns, runDir, binary, profile, root, fcWorkers, fcGrow }.
// parse returns { requests, p99Ms, p99From, perSecond, plannedPerSecond, note, extra }:
//   perSecond[s]: requests the tool sent in second s of its run (null: the tool gives no series);
//   plannedPerSecond[s]: what it was asked to send in that second.
// Peers cannot ramp: they are asked for `ratePerSec` from t=0 (a step), so planned is flat.
import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from './peers.mjs';

/** bucketSeconds counts offsets (seconds from the run's start) by whole second, [0, durationS). */
export function bucketSeconds(offsetsS, durationS) {
  const counts = new Array(durationS).fill(0);
  let outside = 0;
  for (const t of offsetsS) {
    const s = Math.floor(t);
    if (s >= 0 && s < durationS) counts[s]++;
    else outside++;
  }
  return { counts, outside };
}

/** percentile of an unsorted array (nearest rank); null when empty. */
export function percentile(xs, p) {
  if (xs.length === 0) return null;
  const v = Float64Array.from(xs).sort();
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

/** csvRows splits CSV text into rows of fields, skipping header lines (rows start with a number). */
function csvRows(text) {
  return text
    .split('\n')
    .filter((l) => /^[\d.]/.test(l))
    .map((l) => l.split(','));
}

const flat = (c) => new Array(c.durationS).fill(c.ratePerSec);

export const cloudAdapters = {
  flashcrowd: {
    shape: 'profile (ramp where the scenario has one)',
    command(bin, c) {
      const args = [
        bin,
        'run',
        c.profile,
        '--target',
        c.url.origin,
        '--ca',
        c.ca,
        '--workers',
        String(c.fcWorkers),
        // The same fixed pool the peers get (-c), opened before the start and never exceeded;
        // with --fc-grow, flashcrowd's default pool instead (grown as needed).
        ...(c.fcGrow ? [] : ['--connections', String(c.conns)]),
        '--out',
        join(c.runDir, 'run'),
        '--quiet',
        '--no-reports',
        '--collect',
        'none',
      ];
      return ['node', args];
    },
    parse(_out, c) {
      const r = readJson(join(c.runDir, 'run', 'run.json'));
      const tl = r.timeline.slice(0, c.durationS);
      return {
        requests: r.totals.completed,
        p99Ms: r.latencyMs.overall?.p99 ?? null,
        p99From: 'planned send time',
        perSecond: tl.map((t) => t.sent),
        plannedPerSecond: tl.map((t) => t.planned),
        note: 'sent per planned second (run.json timeline)',
        startEpochMs: Date.parse(r.startedAt),
        extra: {
          planned: r.totals.planned,
          sent: r.totals.sent,
          ok: r.totals.ok,
          errors: r.totals.errors,
          dropped: r.totals.dropped,
          aborted: r.totals.aborted,
          latenessP99Ms: r.latenessMs?.p99 ?? null,
          latenessMaxMs: r.latenessMs?.max ?? null,
          latenessP99PerSecond: tl.map((t) => t.latenessP99Ms ?? null),
        },
      };
    },
  },
  oha: {
    shape: 'step',
    command(bin, c) {
      const args = [
        '-z',
        `${c.durationS}s`,
        '-q',
        String(c.ratePerSec),
        '--latency-correction',
        '-w',
        '-c',
        String(c.conns),
        '--no-tui',
        '--cacert',
        c.ca,
        '--output-format',
        'csv',
        '-o',
        join(c.runDir, 'oha.csv'),
        c.url.href,
      ];
      return [bin, args];
    },
    parse(_out, c) {
      // request-start (s from oha's start), DNS, DNS+dialup, Response-delay, request-duration, bytes, status
      const rows = csvRows(readFileSync(join(c.runDir, 'oha.csv'), 'utf8'));
      const { counts, outside } = bucketSeconds(
        rows.map((f) => Number(f[0])),
        c.durationS,
      );
      return {
        requests: rows.length,
        p99Ms: percentile(
          rows.map((f) => Number(f[4]) * 1000),
          99,
        ),
        p99From: 'planned send time (--latency-correction)',
        perSecond: counts,
        plannedPerSecond: flat(c),
        note: 'request-start of each request (--output-format csv)',
        extra: { outsideSeconds: outside },
      };
    },
  },
  vegeta: {
    shape: 'step',
    command(bin, c) {
      const args = [
        'attack',
        `-rate=${c.ratePerSec}/s`,
        `-duration=${c.durationS}s`,
        `-workers=${c.conns}`,
        `-root-certs=${c.ca}`,
        `-output=${join(c.runDir, 'vegeta.bin')}`,
      ];
      return [bin, args, `GET ${c.url.href}\n`];
    },
    parse(_out, c) {
      const file = join(c.runDir, 'vegeta.bin');
      const j = JSON.parse(
        execFileSync(c.binary, ['report', '-type=json', file], { encoding: 'utf8' }),
      );
      const csv = join(c.runDir, 'vegeta.csv');
      execFileSync(c.binary, ['encode', '-to', 'csv', `-output=${csv}`, file]);
      // timestamp (unix ns, when the request was sent), code, latency ns, ...
      const ts = csvRows(readFileSync(csv, 'utf8')).map((f) => BigInt(f[0]));
      unlinkSync(csv); // about 300 bytes a request; vegeta.bin stays as the raw data
      const t0 = ts.reduce((a, b) => (b < a ? b : a), ts[0] ?? 0n);
      const { counts, outside } = bucketSeconds(
        ts.map((t) => Number(t - t0) / 1e9),
        c.durationS,
      );
      return {
        requests: j.requests,
        p99Ms: j.latencies['99th'] / 1e6,
        p99From: 'planned send time',
        perSecond: counts,
        plannedPerSecond: flat(c),
        note: 'send timestamp of each request (vegeta encode -to csv)',
        extra: { outsideSeconds: outside, statusCodes: j.status_codes },
      };
    },
  },
  autocannon: {
    shape: 'step',
    command(bin, c) {
      // autocannon never verifies the server certificate (lib/httpClient.js: rejectUnauthorized: false).
      const run = bin.endsWith('.js') ? ['node', [bin]] : [bin, []];
      const args = [
        '-c',
        String(c.conns),
        '-R',
        String(c.ratePerSec),
        '-d',
        String(c.durationS),
        '-j',
      ];
      return [run[0], [...run[1], ...args, c.url.href]];
    },
    parse(out, c) {
      const j = JSON.parse(out.slice(out.indexOf('{')));
      return {
        requests: j.requests.total,
        p99Ms: j.latency.p99,
        p99From: 'planned send time (-R corrects for coordinated omission)',
        perSecond: null,
        plannedPerSecond: flat(c),
        note: 'the min and max of its per-second response counts (-j); it gives no series, so per-second columns show -',
        extra: {
          minPerSecond: j.requests.min,
          maxPerSecond: j.requests.max,
          worstSecondDevPct:
            (Math.max(
              Math.abs(j.requests.min - c.ratePerSec),
              Math.abs(j.requests.max - c.ratePerSec),
            ) /
              c.ratePerSec) *
            100,
          errors: j.errors,
          timeouts: j.timeouts,
          non2xx: j.non2xx,
        },
      };
    },
  },
  hey: {
    shape: 'step (closed loop with per-worker pacing)',
    command(bin, c) {
      // hey never verifies the server certificate (InsecureSkipVerify) and has no option for a CA.
      // -q is per worker: conns workers x (rate / conns) each = the total rate.
      const args = [
        '-z',
        `${c.durationS}s`,
        '-c',
        String(c.conns),
        '-q',
        String(c.ratePerSec / c.conns),
        '-o',
        'csv',
        c.url.href,
      ];
      return [bin, args];
    },
    parse(out, c) {
      // response-time, DNS+dialup, DNS, Request-write, Response-delay, Response-read, status-code, offset
      const rows = csvRows(out).filter((f) => f.length >= 8);
      const { counts, outside } = bucketSeconds(
        rows.map((f) => Number(f[7])),
        c.durationS,
      );
      return {
        requests: rows.length,
        p99Ms: percentile(
          rows.map((f) => Number(f[0]) * 1000),
          99,
        ),
        p99From: 'actual send time',
        perSecond: counts,
        plannedPerSecond: flat(c),
        note: 'offset of each request (-o csv)',
        extra: { outsideSeconds: outside },
      };
    },
  },
};
