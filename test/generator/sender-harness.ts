/**
 * A RequestSender on a fake transport and a fake clock (vitest fake timers: the 100 ms timeout
 * sweep, setTimeout and setImmediate all follow `vi.advanceTimersByTime`). No sockets, no threads.
 */
import { vi } from 'vitest';
import { RequestRecorder } from '../../src/recorder/request-recorder.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { prepareRequests } from '../../src/mix/prepared-request.js';
import { RequestSender, type SenderOptions } from '../../src/generator/request-sender.js';
import type { Profile } from '../../src/profile/types.js';
import { profileFrom } from '../helpers/run-profile.js';
import { fakeTransport } from './fake-dispatcher.js';

export const TARGET = 'http://127.0.0.1:9';

export const onePing = (extra = ''): Profile =>
  profileFrom(`
name: unit
load: { phases: [ { duration: 2s, rate: 10 } ] ${extra} }
requests: [ { name: ping, path: /ping } ]
`);

/** Builds the sender; call inside a test after vi.useFakeTimers(). */
export function senderHarness(
  profile: Profile = onePing(),
  options: Partial<Pick<SenderOptions, 'maxInFlight' | 'timeoutMs' | 'tenants'>> = {},
) {
  const t0 = Date.now();
  const now = () => Date.now() - t0;
  const transport = fakeTransport();
  const recorder = new RequestRecorder(
    profile.requests.length,
    profile.load.phases.length,
    profile.flows.length,
  );
  const warnings: string[] = [];
  const timeoutMs = options.timeoutMs ?? 1000;
  const requests = prepareRequests(profile, TARGET, {}, timeoutMs);
  const sender = new RequestSender({
    requests,
    recorder,
    random: createRandom(1),
    env: {},
    maxInFlight: options.maxInFlight ?? 100,
    timeoutMs,
    now,
    onWarning: (m) => warnings.push(m),
    transport,
    ...(options.tenants ? { tenants: options.tenants } : {}),
  });
  return {
    sender,
    recorder,
    /** The prepared requests the sender sends (a FlowRunner over the same sender needs them). */
    requests,
    transport,
    fake: transport.fake,
    warnings,
    now,
    /** Moves the fake clock (and runs the timers due) by `ms`. */
    advance: (ms: number) => vi.advanceTimersByTime(ms),
    totals: () => recorder.total.toTotals(),
  };
}
