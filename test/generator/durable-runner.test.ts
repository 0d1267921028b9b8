/**
 * DurableRunner with a fake transport (no sockets): starts without an ARN count as failed, each
 * execution is polled until a terminal status, its duration comes from the server's timestamps,
 * poll.timeout and stop() leave executions counted as running, and started = terminal + running.
 * A flow step's listener learns each execution's end exactly once, and never after stop().
 */
import type { Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableRunner } from '../../src/generator/durable-runner.js';
import type { Transport } from '../../src/generator/transport.js';
import type { PreparedRequest } from '../../src/mix/prepared-request.js';
import type { ReplyView } from '../../src/mix/reply-view.js';
import { DurableRecorder } from '../../src/recorder/durable-recorder.js';
import { decodeHistogram } from '../../src/record/latency-histogram.js';

/** A fake GetDurableExecution: ARN -> the statuses it answers, one a poll (the last repeats). */
function fakeTransport(script: Map<string, string[]>, seen: string[]): Transport {
  return {
    dispatcher: () => ({
      dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
        const arn = decodeURIComponent(options.path.split('/').pop() ?? '');
        seen.push(arn);
        const statuses = script.get(arn) ?? [];
        const status =
          statuses.length > 1 ? (statuses.shift() as string) : (statuses[0] ?? 'RUNNING');
        const body = JSON.stringify({
          Status: status,
          StartTimestamp: 1000,
          ...(status === 'RUNNING' ? {} : { EndTimestamp: 1002.5 }),
        });
        const h = handler as unknown as {
          onHeaders(s: number, h: Buffer[]): void;
          onData(b: Buffer): void;
          onComplete(): void;
        };
        setTimeout(() => {
          h.onHeaders(200, []);
          h.onData(Buffer.from(body));
          h.onComplete();
        }, 1);
        return true;
      },
    }),
    prewarm: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const request = {
  index: 0,
  name: 'order',
  durable: { function: 'wf', poll: { mode: 'status', everyMs: 5, timeoutMs: 400 } },
} as unknown as PreparedRequest;

function reply(status: number, arn?: string): ReplyView {
  return {
    status,
    errorCode: null,
    latencyMs: 1,
    headerValues: (name) => (name === 'x-amz-durable-execution-arn' && arn ? [arn] : []),
    text: () => '',
    json: () => undefined,
  };
}

let runner: DurableRunner | undefined;
afterEach(() => runner?.stop());

describe('DurableRunner', () => {
  it('follows executions to their terminal status, and counts the rest as running', async () => {
    const script = new Map([
      ['a', ['RUNNING', 'RUNNING', 'SUCCEEDED']],
      ['b', ['FAILED']],
      ['c', ['RUNNING']], // never ends: its poll timeout passes
    ]);
    const seen: string[] = [];
    const recorder = new DurableRecorder('status', 30);
    const t0 = performance.now();
    runner = new DurableRunner({
      requests: [request],
      recorder,
      transport: fakeTransport(script, seen),
      targetUrl: 'http://127.0.0.1:1',
      sharePerSec: 1000,
      timeoutMs: 1000,
      now: () => performance.now() - t0,
    });
    runner.onStartReply(request, 0, reply(202, 'a'));
    runner.onStartReply(request, 0, reply(202, 'b'));
    runner.onStartReply(request, 0, reply(202, 'c'));
    runner.onStartReply(request, 0, reply(500)); // no ARN: start failed
    for (let i = 0; i < 200 && runner.active > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(runner.active).toBe(0);
    runner.stop();
    const d = recorder.toData().byRequest['0'];
    expect(d.started).toBe(3);
    expect(d.startFailed).toBe(1);
    expect(d.byStatus).toEqual({ SUCCEEDED: 1, FAILED: 1 });
    expect(d.running).toBe(1);
    expect(seen.filter((arn) => arn === 'a')).toHaveLength(3);
    expect(seen.filter((arn) => arn === 'b')).toHaveLength(1);
    expect(d.polls).toBe(seen.length);
    const h = decodeHistogram(d.duration as string);
    expect(h.totalCount).toBe(2);
    expect(h.maxValue / 1000).toBeCloseTo(2500, -1); // EndTimestamp - StartTimestamp = 2.5 s
  });

  it('stop() counts every execution still followed as running and sends nothing more', async () => {
    const seen: string[] = [];
    const recorder = new DurableRecorder('status', 30);
    runner = new DurableRunner({
      requests: [request],
      recorder,
      transport: fakeTransport(new Map(), seen),
      targetUrl: 'http://127.0.0.1:1',
      sharePerSec: 30,
      timeoutMs: 1000,
      now: () => performance.now(),
    });
    for (const arn of ['x', 'y']) runner.onStartReply(request, performance.now(), reply(202, arn));
    runner.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    const d = recorder.toData().byRequest['0'];
    expect(d.started).toBe(2);
    expect(d.running).toBe(2);
  });

  it('tells a listener once how each execution ended, and nothing after stop()', async () => {
    const script = new Map([
      ['a', ['RUNNING', 'SUCCEEDED']],
      ['b', ['TIMED_OUT']],
      ['c', ['RUNNING']], // never ends: its poll timeout passes
      ['d', ['RUNNING']], // still followed at stop()
    ]);
    const ends: string[] = [];
    const listener = (arn: string) => (end: string) => ends.push(`${arn}:${end}`);
    const t0 = performance.now();
    runner = new DurableRunner({
      requests: [request],
      recorder: new DurableRecorder('status', 30),
      transport: fakeTransport(script, []),
      targetUrl: 'http://127.0.0.1:1',
      sharePerSec: 1000,
      timeoutMs: 1000,
      now: () => performance.now() - t0,
    });
    const cloudwatch = {
      ...request,
      durable: { function: 'wf', poll: { mode: 'cloudwatch' } },
    } as unknown as PreparedRequest;
    runner.onStartReply(request, 0, reply(202, 'a'), listener('a'));
    runner.onStartReply(request, 0, reply(202, 'b'), listener('b'));
    runner.onStartReply(request, 0, reply(202, 'c'), listener('c'));
    runner.onStartReply(request, 0, reply(429), listener('x'));
    runner.onStartReply(cloudwatch, 0, reply(202, 'q'), listener('q'));
    expect(ends).toEqual(['x:start-failed', 'q:unfollowed']); // at once
    for (let i = 0; i < 200 && runner.active > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(ends.sort()).toEqual(
      ['a:SUCCEEDED', 'b:TIMED_OUT', 'c:running', 'q:unfollowed', 'x:start-failed'].sort(),
    );
    runner.onStartReply(request, performance.now() - t0, reply(202, 'd'), listener('d'));
    runner.stop();
    await new Promise((r) => setTimeout(r, 30));
    expect(ends.filter((e) => e.startsWith('d:'))).toEqual([]);
  });
});
