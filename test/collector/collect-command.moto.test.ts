/**
 * `flashcrowd collect <run-dir>` in-process, against a real moto_server: refreshes CloudWatch
 * series, keeps live instance samples, writes run.json atomically; exit 0 / 2 / 3 as documented.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { evaluateGates } from '../../src/analysis/evaluate-gates.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { parseGateExpression } from '../../src/profile/gate-expression.js';
import { readRunRecord } from '../../src/record/read-run-record.js';
import { writeReports } from '../../src/report/write-reports.js';
import type { PlatformSeries } from '../../src/record/run-record.js';
import {
  announceMotoSkip,
  inCi,
  motoCredentials,
  motoInstalled,
  startMoto,
  type Moto,
  putLambdaMetric,
} from './moto.js';
import { fakeContext, makeRecord, second } from './record-fixture.js';

announceMotoSkip('test/collector/collect-command.moto.test.ts');

it.runIf(inCi)('moto_server is installed (required under CI=true)', () => {
  expect(motoInstalled).toBe(true);
});

const MINUTE = 60_000;

function runDir(record: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-collect-'));
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  return dir;
}

describe('collect: unreadable records', () => {
  it('exits 2 on a corrupt run.json and on another schema version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashcrowd-collect-'));
    writeFileSync(join(dir, 'run.json'), '{"schemaVersion": 1, "runId": ');
    const ctx = fakeContext({});
    expect(await main(['collect', dir], ctx)).toBe(2);
    expect(ctx.err()).toContain('corrupt');
    const other = runDir({ ...makeRecord(Date.now(), 10), schemaVersion: 99 });
    const ctx2 = fakeContext({});
    expect(await main(['collect', other], ctx2)).toBe(2);
    expect(ctx2.err()).toContain('schemaVersion 99');
  });

  it('exits 2 when the record names no AWS resources, before any query', async () => {
    const dir = runDir(makeRecord(Date.now(), 10, { profile: { name: 'x' } }));
    const ctx = fakeContext({ AWS_REGION: 'us-east-1', ...toEnv(motoCredentials) });
    expect(await main(['collect', dir], ctx)).toBe(2);
    expect(ctx.err()).toContain('names no AWS resources');
    // collect has no --collect or --function of its own: the message names the run's
    expect(ctx.err()).toContain('and the run no --function');
    expect(ctx.err()).not.toContain('--collect aws');
  });

  it.each([
    ['a simulation', { kind: 'simulate' }, 'was simulated'],
    [
      'a run on the embedded target',
      { target: { url: 'http://127.0.0.1:1', kind: 'embedded' } },
      'ran against the embedded target',
    ],
  ])('exits 2 for %s: its series come from the model', async (_what, fields, message) => {
    const record = {
      ...makeRecord(Date.now(), 10, {
        profile: { name: 't', aws: { functions: { x: 'notes-x' } } },
      }),
      ...fields,
    };
    const ctx = fakeContext({ AWS_REGION: 'us-east-1', ...toEnv(motoCredentials) });
    expect(await main(['collect', runDir(record)], ctx)).toBe(2);
    expect(ctx.err()).toContain(message);
  });

  it('refuses an --out holding another run, and a --prices it cannot read, before the wait', async () => {
    const aws = { profile: { name: 't', aws: { functions: { x: 'notes-x' } } } };
    const dir = runDir(makeRecord(Date.now(), 10, aws));
    const other = runDir({ ...makeRecord(Date.now(), 10, aws), runId: 'someone-else' });
    const ctx = fakeContext({});
    expect(await main(['collect', dir, '--out', other, '--settle', '1h'], ctx)).toBe(2);
    expect(ctx.err()).toContain('already holds run someone-else');
    const ctx2 = fakeContext({});
    expect(await main(['collect', dir, '--prices', '/no/such.json', '--settle', '1h'], ctx2)).toBe(
      2,
    );
    expect(ctx2.err()).toContain('cannot read price table');
  });
});

function toEnv(c: typeof motoCredentials): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey };
}

describe.skipIf(!motoInstalled)('collect against moto_server', () => {
  let moto: Moto;
  let env: Record<string, string>;
  const m0 = Math.floor((Date.now() - 30 * MINUTE) / MINUTE) * MINUTE;

  beforeAll(async () => {
    moto = await startMoto();
    env = { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1', ...toEnv(motoCredentials) };
    const cw = new CloudWatchClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: motoCredentials,
    });
    const put = (metric: string, atMs: number, value: number) =>
      putLambdaMetric(cw, 'notes-get', metric, atMs, value);
    await put('Invocations', m0 + 5_000, 40);
    await put('Invocations', m0 + MINUTE + 5_000, 10);
    await put('Throttles', m0 + 6_000, 60);
    cw.destroy();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('refreshes CloudWatch series, keeps live instance samples, reconciles, writes atomically', async () => {
    const instances: PlatformSeries = {
      name: 'lmi.instances',
      labels: { capacityProvider: 'notes-lmi' },
      source: 'aws',
      periodSec: 15,
      stat: 'Count',
      unit: 'Count',
      points: [[m0, 3]],
    };
    const stale: PlatformSeries = {
      ...instances,
      name: 'lambda.invocations',
      labels: { function: 'notes-get' },
      periodSec: 60,
      stat: 'Sum',
      points: [
        [m0, 1],
        [m0 - MINUTE, 5],
      ],
    };
    // a 1-second needlepoint in minute 0: 100 sent, 40 ok, 60 answered 500 by API Gateway
    const timeline = [
      second(0, { '200': 1 }),
      second(1, { '200': 39, '500': 60 }),
      second(2, { '200': 1 }),
      second(70, { '200': 10 }),
    ];
    const dir = runDir(makeRecord(m0, 90, { timeline, platform: { series: [instances, stale] } }));
    const ctx = fakeContext(env);
    expect(await main(['collect', dir], ctx)).toBe(0);
    expect(readdirSync(dir)).toEqual(['run.json']); // no temp file left behind
    const record = readRunRecord(dir);
    const find = (name: string) => record.platform.series.find((s) => s.name === name);
    expect(find('lmi.instances')?.points).toEqual([[m0, 3]]);
    // fresh values replace stale ones at the same timestamp; older points stay
    expect(find('lambda.invocations')?.points).toEqual([
      [m0 - MINUTE, 5],
      [m0, 40],
      [m0 + MINUTE, 10],
    ]);
    const rows = record.platform.reconciliation!;
    expect(
      rows.map((r) => [
        r.minuteStartMs,
        r.sent,
        r.server5xx,
        r.lambdaInvocations,
        r.lambdaThrottles,
      ]),
    ).toEqual([
      [m0, 101, 60, 40, 60],
      [m0 + MINUTE, 10, 0, 10, 0],
    ]);
    expect(rows[0].notes.join('\n')).toMatch(/spike: 99 req\/s for 1 s/);
    expect(rows[0].notes.join('\n')).toMatch(/API Gateway REST returns 500/);
    expect(ctx.out()).toContain('invocations');
  });

  it('recomputes cost and gates after late data and says what changed', async () => {
    const stale: PlatformSeries = {
      name: 'lambda.invocations',
      labels: { function: 'notes-get' },
      source: 'aws',
      periodSec: 60,
      stat: 'Sum',
      unit: 'Count',
      points: [[m0, 1]],
    };
    const initial = makeRecord(m0, 90, { platform: { series: [stale] } });
    // 100 requests answered (a run that got no reply would fail every gate whatever CloudWatch says).
    initial.totals = { ...initial.totals, planned: 100, sent: 100, completed: 100, ok: 100 };
    initial.totals.byStatus = { '200': 100 };
    initial.cost = analyzeCost(initial, builtinPrices['us-east-1'], { savingsPlanEc2: 0.25 });
    initial.gates = evaluateGates([parseGateExpression('lambda.throttles == 0')], initial);
    expect(initial.gates[0].verdict).toBe('unknown');
    expect(initial.cost.work!.requests).toBe(1);
    const dir = runDir(initial);
    // The run wrote its JUnit file and Markdown report with the gate unknown (allowed).
    initial.environment.allowUnknown = true;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(initial));
    writeReports(dir, initial, ['md', 'junit']);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('failures="0"');
    const ctx = fakeContext(env);
    // The gate fails with the late data: collect's exit is the run's verdict now (1).
    expect(await main(['collect', dir], ctx)).toBe(1);
    // The report files the folder held are rewritten with the new verdict; no other is added.
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('failures="1"');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('**FAIL**');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    const record = readRunRecord(dir);
    // late data: 40 + 10 invocations replace the stale 1; 60 throttles now fail the gate
    expect(record.cost!.work!.requests).toBe(50);
    expect(record.cost!.options!.savingsPlanEc2).toBe(0.25); // the run's options are kept
    expect(record.gates[0]).toMatchObject({ verdict: 'fail', observed: 60 });
    const err = ctx.err();
    expect(err).toContain('cost and gates recomputed; what changed:');
    expect(err).toContain('work requests: 1 -> 50');
    expect(err).toMatch(
      /cost lambda on-demand: \$[\d.e-]+ \(upper bound\) -> \$[\d.e-]+ \(upper bound\)/,
    );
    expect(err).toContain('gate lambda.throttles == 0: unknown (not collected) -> fail (60)');
    expect(err).toContain('the run does not pass: 1 of 1 gates did not pass');
  });

  it('writes to --out and prints JSON; the original stays untouched', async () => {
    const dir = runDir(makeRecord(m0, 90));
    const before = readFileSync(join(dir, 'run.json'), 'utf8');
    const out = mkdtempSync(join(tmpdir(), 'flashcrowd-collect-out-'));
    const ctx = fakeContext(env);
    expect(await main(['collect', dir, '--out', out, '--json'], ctx)).toBe(0);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
    const summary = JSON.parse(ctx.out());
    expect(summary.seriesCollected).toBeGreaterThan(0);
    expect(readRunRecord(out).platform.series.some((s) => s.name === 'lambda.throttles')).toBe(
      true,
    );
  });

  it('exits 3 and leaves run.json unchanged when no series come back', async () => {
    const dir = runDir(
      makeRecord(m0, 90, { profile: { name: 't', aws: { functions: { x: 'no-such-function' } } } }),
    );
    const before = readFileSync(join(dir, 'run.json'), 'utf8');
    const ctx = fakeContext(env);
    expect(await main(['collect', dir], ctx)).toBe(3);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
    expect(ctx.err()).toContain('no CloudWatch datapoints for no-such-function');
    expect(ctx.err()).not.toContain(motoCredentials.secretAccessKey);
  });
});
