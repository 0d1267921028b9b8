// The pure parts of bench/cloud.sh: nginx's access log read into per-second arrivals and
// connections, the start instant fitted to a peer's arrivals, per-second bucketing, and the
// targets' verdicts. (The benchmark itself is never run by tests.)
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');
// Loaded by path: the bench scripts are plain .mjs without type declarations; these are the
// shapes the tests use.
interface ServerView {
  requests: number;
  perSecond: number[];
  before: number;
  after: number;
  connections: number;
  newConnectionsPerSecond: number[];
  statuses: Record<string, number>;
  t0Ms: number;
  t0From: string;
  firstArrivalMs: number | null;
}
interface ServerViewModule {
  serverView: (log: string, t0Ms: number | null, durationS: number, rate: number) => ServerView;
  fitStart: (arrivalsMs: number[], ratePerSec: number) => number;
}
interface CloudPeersModule {
  bucketSeconds: (offsetsS: number[], durationS: number) => { counts: number[]; outside: number };
  percentile: (xs: number[], p: number) => number | null;
}
interface CloudReportModule {
  targets: (summary: object[], scenarioNames: string[]) => { text: string; verdicts: string[] };
}
const load = async <T>(name: string): Promise<T> => (await import(join(benchDir, name))) as T;

/** logLine: one access-log line for a request that arrived at `arrivalMs` and took `tookMs`. */
function logLine(arrivalMs: number, tookMs: number, conn: number, status = 200): string {
  return `${((arrivalMs + tookMs) / 1000).toFixed(3)} ${(tookMs / 1000).toFixed(3)} ${conn} ${status}`;
}

describe('serverView', () => {
  it('counts arrivals per second from a recorded start, and connections by first use', async () => {
    const { serverView } = await load<ServerViewModule>('server-view.mjs');
    const t0 = 1_800_000_000_000;
    const lines = [
      logLine(t0 - 5, 100, 1), // before the start
      logLine(t0 + 0, 100, 1),
      logLine(t0 + 999, 100, 2),
      logLine(t0 + 1000, 100, 2, 404),
      logLine(t0 + 1500, 100, 3),
      logLine(t0 + 2000, 100, 3), // after a 2 s run
    ];
    const v = serverView(lines.join('\n') + '\n', t0, 2, 10);
    expect(v.requests).toBe(6);
    expect(v.perSecond).toEqual([2, 2]);
    expect(v.before).toBe(1);
    expect(v.after).toBe(1);
    expect(v.connections).toBe(3);
    // connection 1 was first used before the start: in no second
    expect(v.newConnectionsPerSecond).toEqual([1, 1]);
    expect(v.statuses).toEqual({ 200: 5, 404: 1 });
    expect(v.t0From).toBe('recorded');
  });

  it('fits the start of a fixed rate to the arrivals when none is recorded', async () => {
    const { serverView, fitStart } = await load<ServerViewModule>('server-view.mjs');
    const t0 = 1_800_000_000_000;
    // 10 req/s for 3 s; the first 4 requests wait for connections and arrive together at +350 ms
    const arrivals = Array.from({ length: 30 }, (_, i) => (i < 4 ? t0 + 350 : t0 + i * 100));
    expect(fitStart(arrivals, 10)).toBe(t0);
    const v = serverView(arrivals.map((a, i) => logLine(a, 20, i)).join('\n'), null, 3, 10);
    expect(v.t0Ms).toBe(t0);
    expect(v.t0From).toBe('fitted');
    expect(v.perSecond).toEqual([10, 10, 10]);
    expect(v.firstArrivalMs).toBe(t0 + 350);
  });
});

describe('bucketSeconds and percentile', () => {
  it('buckets offsets by whole second and counts the ones outside the run', async () => {
    const { bucketSeconds, percentile } = await load<CloudPeersModule>('cloud-peers.mjs');
    expect(bucketSeconds([0, 0.5, 0.999, 1, 2.5, -0.1], 2)).toEqual({ counts: [3, 1], outside: 2 });
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(percentile([5, 1, 4, 2, 3], 40)).toBe(2);
    expect(percentile([], 99)).toBeNull();
  });
});

describe('targets', () => {
  const fc = (o: Record<string, unknown>) => ({
    scenario: 'onset',
    tool: 'flashcrowd',
    toolWorstMaxPct: 0,
    serverWorstMaxPct: 1.9,
    latenessP99Ms: 4,
    latenessP99MaxMs: 6,
    cpuUsPerRequest: 60,
    ...o,
  });
  const oha = { scenario: 'onset', tool: 'oha', cpuUsPerRequest: 50 };

  it('says met when every target holds, with the numbers', async () => {
    const { targets } = await load<CloudReportModule>('cloud-report.mjs');
    const { verdicts } = targets([fc({}), oha], ['onset']);
    expect(verdicts).toEqual([
      'onset: flashcrowd within 2% every second (worst run): met (record: worst 0.00%; at nginx: worst 1.90%)',
      'onset: flashcrowd lateness p99 < 10 ms: met (median 4.00 ms, worst run 6.00 ms)',
      "onset: CPU per request <= 1.2x oha's: met (flashcrowd 60.0 µs, oha 50.0 µs: 1.20x)",
    ]);
  });

  it('says not met past a bound, and not measured without oha', async () => {
    const { targets } = await load<CloudReportModule>('cloud-report.mjs');
    const worse = fc({ serverWorstMaxPct: 2.01, latenessP99Ms: 10, cpuUsPerRequest: 61 });
    const { verdicts } = targets([worse, oha], ['onset']);
    expect(verdicts.map((v) => v.split(': ')[2].split(' (')[0])).toEqual([
      'NOT MET',
      'NOT MET',
      'NOT MET',
    ]);
    const alone = targets([fc({})], ['onset']).verdicts;
    expect(alone[2]).toBe(
      "onset: CPU per request <= 1.2x oha's: not measured (oha not run or failed)",
    );
  });
});
