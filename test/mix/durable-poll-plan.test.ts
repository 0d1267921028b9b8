/**
 * durablePollPlan: a flow's durable step asks polls at its flow's share of the arrivals (one
 * start per instance), beside the durable requests of the mix at theirs; the warning names both.
 */
import { describe, expect, it } from 'vitest';
import { durablePollPlan } from '../../src/mix/durable-poll-plan.js';
import { profileFrom } from '../helpers/run-profile.js';

const PROFILE = `load: { phases: [{ duration: 1s, rate: 1 }] }
requests:
  - { name: plain, path: /x, weight: 2 }
  - { name: order, weight: 1, durable: { function: wf, poll: { every: 1s, timeout: 1m } } }
flows:
  - name: checkout
    weight: 1
    steps:
      - { name: first, path: /a }
      - { name: pay, durable: { function: wf, poll: { every: 500ms, timeout: 1m } } }
      - { name: notify, durable: { function: wf, poll: cloudwatch } }
`;

describe('durablePollPlan', () => {
  it('counts flow durable steps at their flow’s share of the arrivals', () => {
    const profile = profileFrom(PROFILE);
    // 40 arrivals/s over weights 2 + 1 + 1 (flow): 10 order starts/s, 10 checkout instances/s.
    const plan = durablePollPlan(profile, 40, () => 3000);
    expect(plan?.startsPerSec).toBe(30); // order, pay and notify start 10/s each
    expect(plan?.pollsPerSec).toBe(10 * 3 + 10 * 6); // every 1s and every 500ms over 3 s
    expect(plan?.warnings[0]).toMatch(
      /order: 10 starts\/s x 3 polls; checkout\.pay: 10 starts\/s x 6 polls/,
    );
    expect(durablePollPlan(profile, 4, () => 3000)?.warnings).toEqual([]); // 9 polls/s
  });
});
