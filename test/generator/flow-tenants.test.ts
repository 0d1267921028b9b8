/**
 * Flows with profile `tenants:` in the generator (issue 14, item 2), on a fake transport: a flow
 * instance draws one tenant when it starts (the sender's picker, one draw an arrival, before the
 * cap), every step carries it, and the TenantRecorder books each step's outcome once in that
 * tenant's decile: sent, completed (ok, error), dropped and aborted, exactly.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlowRunner } from '../../src/generator/flow-runner.js';
import { MixRunner } from '../../src/generator/mix-runner.js';
import { resolveInvokes, TENANT_ID_HEADER } from '../../src/mix/invoke-request.js';
import { TenantPicker } from '../../src/mix/tenant-picker.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { TenantRecorder } from '../../src/recorder/tenant-recorder.js';
import type { Profile } from '../../src/profile/types.js';
import { profileFrom } from '../helpers/run-profile.js';
import { senderHarness } from './sender-harness.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const profileWith = (carrier: string): Profile =>
  profileFrom(`
load: { maxInFlight: 2, phases: [ { duration: 2s, rate: 10 } ] }
tenants: { count: 10, distribution: uniform, ${carrier} }
requests: [ { name: ping, path: /ping } ]
flows:
  - name: f
    steps:
      - { name: a, path: /a }
      - { name: b, path: /b }
      - { name: c, path: /c }
`);

/** The sender, flow runner and mix of one worker, with tenants drawn from seed 1. */
function harness(profile: Profile) {
  const spec = profile.tenants;
  if (!spec) throw new Error('no tenants');
  const tenants = new TenantRecorder(spec);
  const h = senderHarness(profile, {
    maxInFlight: 2,
    tenants: { picker: new TenantPicker(spec, 1), recorder: tenants },
  });
  const random = createRandom(2);
  const flows = new FlowRunner({
    flows: profile.flows,
    requests: h.requests,
    sender: h.sender,
    tally: h.recorder.flows,
    random,
    env: {},
    now: h.now,
  });
  const mix = new MixRunner(h.sender, flows, profile.flows, h.requests, random, 2);
  // The same picker on the same seed: the ranks the arrivals draw, in arrival order.
  const oracle = new TenantPicker(spec, 1);
  return { ...h, tenants, flows, mix, oracle };
}

type Key = 'sent' | 'dropped' | 'ok' | 'errors' | 'aborted';
const KEYS: Key[] = ['sent', 'dropped', 'ok', 'errors', 'aborted'];

describe('flows with tenants in the generator', () => {
  it('each instance draws one tenant, every step carries it as the header, and each step is booked once in its decile', () => {
    const h = harness(profileWith('header: x-tenant-id'));
    const FLOW = -1; // mixChoice: flow 0
    expect(h.mix.iterate(0, FLOW, 0)).toBe(true); // instance A
    expect(h.mix.iterate(10, FLOW, 0)).toBe(true); // instance B
    expect(h.mix.iterate(20, FLOW, 0)).toBe(false); // C: dropped at the cap (2 instances)
    expect(h.mix.iterate(30, 0, 0)).toBe(false); // D: a request, dropped at the cap
    const [ra, rb, rc, rd] = [0, 1, 2, 3].map(() => h.oracle.draw());
    const req = h.fake.requests;
    expect(req.map((r) => r.options.path)).toEqual(['/a', '/a']);
    req[0].reply(200); // A: a -> b (req[2])
    req[2].reply(200); // A: b -> c (req[3])
    req[1].reply(200); // B: a -> b (req[4])
    req[4].fail('ECONNREFUSED'); // B: b is an error; the instance goes on -> c (req[5])
    req[3].reply(200); // A: c, completed
    expect(h.mix.iterate(40, 0, 0)).toBe(true); // E: a request, sent with a tenant of its own
    const re = h.oracle.draw();
    req[6].reply(200);
    h.sender.abandonAll(); // B's step c is still in flight: aborted
    const tenantOf = (i: number) => {
      const headers = req[i].options.headers as string[];
      return headers[headers.indexOf('x-tenant-id') + 1];
    };
    expect(req.map((r) => r.options.path)).toEqual(['/a', '/a', '/b', '/c', '/b', '/c', '/ping']);
    expect([0, 2, 3].map(tenantOf)).toEqual([ra, ra, ra].map((r) => `tenant-${r}`));
    expect([1, 4, 5].map(tenantOf)).toEqual([rb, rb, rb].map((r) => `tenant-${r}`));
    expect(tenantOf(6)).toBe(`tenant-${re}`);

    // Expected per decile (count 10: decile = rank - 1), built from the oracle's ranks.
    const expected = Array.from({ length: 10 }, () => [0, 0, 0, 0, 0]);
    const add = (rank: number, counts: number[]) =>
      counts.forEach((n, k) => (expected[rank - 1][k] += n));
    add(ra, [3, 0, 3, 0, 0]);
    add(rb, [3, 0, 1, 1, 1]);
    add(rc, [0, 1, 0, 0, 0]);
    add(rd, [0, 1, 0, 0, 0]);
    add(re, [1, 0, 1, 0, 0]);
    const data = h.tenants.toData();
    expect(data.deciles.map((d) => KEYS.map((k) => d.totals[k] ?? 0))).toEqual(expected);
    expect(data.ranksSeen).toEqual([...new Set([ra, rb, re])].sort((x, y) => x - y));
    expect(h.totals()).toMatchObject({ sent: 7, dropped: 2, ok: 5, errors: 1, aborted: 1 });
    expect(h.recorder.flows.toData()[0]).toMatchObject({ started: 2, dropped: 1 });
    void h.sender.close();
  });

  it('with query: NAME every step carries the tenant as that query parameter', () => {
    const h = harness(profileWith('query: tid'));
    h.mix.iterate(0, -1, 0);
    const rank = h.oracle.draw();
    h.fake.requests[0].reply(200);
    h.fake.requests[1].reply(200);
    h.fake.requests[2].reply(200);
    expect(h.fake.requests.map((r) => r.options.path)).toEqual(
      ['/a', '/b', '/c'].map((p) => `${p}?tid=tenant-${rank}`),
    );
    expect(h.tenants.toData().deciles[rank - 1].totals).toMatchObject({ sent: 3, ok: 3 });
    void h.sender.close();
  });

  it('Invoke steps carry the instance tenant as X-Amz-Tenant-Id', () => {
    const resolved = resolveInvokes(
      profileFrom(`
load: { phases: [ { duration: 1s, rate: 1 } ] }
tenants: { count: 10 }
flows:
  - name: f
    steps:
      - { name: a, invoke: { function: fn-a }, json: { step: 1 } }
      - { name: b, invoke: { function: fn-b }, json: { step: 2 } }
`),
      undefined,
    );
    expect(resolved.issues).toEqual([]);
    const h = harness(resolved.profile);
    h.mix.iterate(0, -1, 0);
    const rank = h.oracle.draw();
    h.fake.requests[0].reply(200);
    h.fake.requests[1].reply(200);
    expect(h.fake.requests.map((r) => r.options.path)).toEqual([
      '/2015-03-31/functions/fn-a/invocations',
      '/2015-03-31/functions/fn-b/invocations',
    ]);
    for (const r of h.fake.requests) {
      const headers = r.options.headers as string[];
      expect(headers[headers.indexOf(TENANT_ID_HEADER) + 1]).toBe(`tenant-${rank}`);
    }
    expect(h.tenants.toData().deciles[rank - 1].totals).toMatchObject({ sent: 2, ok: 2 });
    void h.sender.close();
  });
});
