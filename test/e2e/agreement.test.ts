/**
 * Agreement of the two clocks (issue 3, validation suite): one small time-scaled LMI profile through
 * `run` on the embedded notes API (real time, real HTTP) and through `simulate` (virtual time).
 * Requests sent must be equal; throttles and instance-seconds must agree within the tolerances
 * below. Needs `npm run build` (the test runs the built CLI). About 45 s of real time at <= 300
 * req/s, within DESIGN.md's "Tests on two cores" limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema, type RunRecord } from '../../src/record/run-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

/**
 * A flash crowd on a deliberately small capacity provider, scaled 10x faster than AWS
 * (`model.timeScale: 0.1`: evaluation every 3 s, launch delay 7.5 s). One m7g.large (2 vCPUs)
 * hosts two 2-GiB environments of 1 vCPU; the two functions the profile calls (notes-create,
 * notes-read) keep one environment each and the others none. Both routes take 20 ms of CPU, so
 * at 300 req/s notes-read needs about 4.5 vCPUs and notes-create 1.5: their single environments
 * throttle (cpu) much of the traffic until the scaler catches up (1 -> 4 or more instances). The
 * scaler follows the environments' average CPU, which both runs see alike, rather than a peak
 * of a few requests in flight, which differs between them. The launch delay is a single value, not a
 * range, so both runs launch each instance after the same delay (the model draws a range from
 * its own random stream, and the two runs' streams differ).
 */
const PROFILE = `
name: agreement-lmi
platform: lmi
load:
  phases:
    - { duration: 10s, rate: 30 }
    - { duration: 5s, rampTo: 300 }
    - { duration: 25s, rate: 300 }
requests:
  - name: createNote
    method: POST
    path: /notes
    json: { title: '{{words 3}}', body: '{{text 200}}' }
    capture: { noteId: $.id }
  - { name: getNote, weight: 3, method: GET, path: '/notes/{{noteId}}' }
model:
  timeScale: 0.1
  architecture: arm64
  lmi:
    instanceType: m7g.large
    initialInstances: 1
    minInstances: 1
    minExecutionEnvironments: 0
    functions:
      notes-create: { minExecutionEnvironments: 1 }
      notes-read: { minExecutionEnvironments: 1 }
    functionMemoryGiB: 2
    memoryGiBPerVCpu: 2
    targetCpu: 0.6
    evaluationInterval: 30s
    launchDelay: 75s
  routes:
    create: { cpuTime: 20ms }
    read: { cpuTime: 20ms }
`;

/**
 * Tolerances, from how the two runs differ by construction:
 *
 * - Same schedule and seed: both send exactly the same number of requests (no drops at this rate).
 * - Throttles: in `run` each request reaches the model its generator lateness plus loopback HTTP
 *   latency (about 1 ms, tens of ms when the machine stalls) after its planned time, and the
 *   model draws service times (20-40 ms) from a different random stream than simulate's. Whether
 *   one arrival finds its function's CPU full is then a coin flip that differs between the
 *   runs; over ~1,800 throttles a binomial spread is about sqrt(1800) = 42 (2.4%), so 3 sigma is
 *   about 7%. Add the instance-ready instants: they are the same model times in both runs (the
 *   embedded model's second 0 is its first request, see traffic-anchored-model.ts), and arrival
 *   jitter of tens of ms around one of them moves a few throttles. Tolerance: 10% of simulate's.
 * - Instance-seconds: the scaler ticks at the same model times and launches after the same fixed
 *   delay, and the series is time-weighted (not sampled), so the two agree exactly unless a
 *   scaling decision differs. Such a difference costs at least one instance for one evaluation
 *   interval (3 s of ~90 instance-seconds, >3%), so 5% admits sampling round-off only. Compared
 *   over the seconds both series cover: `run` stops reading the model when the run ends, while
 *   simulate closes the second of its last reply.
 */
const THROTTLE_TOLERANCE = 0.1;
const INSTANCE_SECONDS_TOLERANCE = 0.05;

function readRecord(dir: string): RunRecord {
  return runRecordSchema.parse(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')));
}

function instancePoints(record: RunRecord): Array<[number, number]> {
  const series = record.platform.series.find((s) => s.name === 'lmi.instances');
  if (!series) throw new Error('no lmi.instances series');
  expect(series.periodSec).toBe(1);
  return series.points;
}

/** Instance-seconds of the first `seconds` points (period 1 s). */
function instanceSeconds(points: Array<[number, number]>, seconds: number): number {
  return points.slice(0, seconds).reduce((sum, [, v]) => sum + v, 0);
}

describe('run on the embedded API and simulate agree', () => {
  it('sends the same requests, with throttles and instance-seconds within tolerance', async () => {
    const profile = writeProfile(PROFILE);
    const a = tempDir();
    const b = tempDir();
    const common = ['--platform', 'lmi', '--seed', '7', '--quiet', '--no-reports'];
    const sim = await runCli(['simulate', profile, '--out', b, ...common]);
    expect(sim.code, sim.stderr).toBe(0);
    const real = await runCli(['run', profile, '--out', a, ...common], { timeoutMs: 110_000 });
    expect(real.code, real.stderr).toBe(0);
    const ra = readRecord(a);
    const rb = readRecord(b);

    expect(ra.totals.sent).toBe(rb.totals.sent);
    expect(ra.totals.dropped).toBe(0);
    expect(ra.totals.errors).toBe(0);
    // The profile must exercise what is compared: many throttles and a scale-out.
    expect(rb.totals.throttled).toBeGreaterThan(0.05 * rb.totals.sent);
    const pa = instancePoints(ra);
    const pb = instancePoints(rb);
    expect(Math.max(...pb.map(([, v]) => v))).toBeGreaterThanOrEqual(4);
    expect(Math.max(...pa.map(([, v]) => v))).toBeGreaterThanOrEqual(4);

    const throttleDiff = Math.abs(ra.totals.throttled - rb.totals.throttled);
    expect(throttleDiff).toBeLessThanOrEqual(THROTTLE_TOLERANCE * rb.totals.throttled);
    const seconds = Math.min(pa.length, pb.length);
    expect(seconds).toBeGreaterThanOrEqual(38);
    const isA = instanceSeconds(pa, seconds);
    const isB = instanceSeconds(pb, seconds);
    // Visible in the test output, for the record of how close the clocks are.
    console.info(
      `agreement: sent ${ra.totals.sent}/${rb.totals.sent}, throttled run ${ra.totals.throttled} ` +
        `vs simulate ${rb.totals.throttled}, instance-seconds over ${seconds} s run ` +
        `${isA.toFixed(1)} vs simulate ${isB.toFixed(1)}`,
    );
    expect(Math.abs(isA - isB)).toBeLessThanOrEqual(INSTANCE_SECONDS_TOLERANCE * isB);
  }, 150_000);
});
