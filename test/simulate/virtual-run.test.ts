/**
 * virtualRun's turns of the event loop: how often it yields never changes what it computes, and
 * `interrupted` (a Ctrl-C) stops sending at the turn where it says so, with every request sent
 * answered and the seconds before the stop the same as in the whole run.
 */
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../src/model/parse-model-params.js';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { virtualRun, type VirtualRunInput } from '../../src/simulate/virtual-run.js';
import { profileFrom } from '../helpers/run-profile.js';

const PROFILE = `name: virtual-run
load: { phases: [ { duration: 20s, rate: 200 } ] }
requests:
  - name: create
    weight: 2
    method: POST
    path: /notes
    json: { title: '{{words 3}}', body: '{{text 100}}' }
    capture: { noteId: $.id }
  - { name: read, weight: 5, method: GET, path: '/notes/{{noteId}}' }
  - { name: summarize, weight: 1, method: POST, path: '/notes/{{noteId}}/summarize' }
`;

const START_MS = 1_800_000_000_000;

function input(extra: Partial<VirtualRunInput>): VirtualRunInput {
  const profile = profileFrom(PROFILE);
  const parsed = parseModel(profile.model, { platform: 'on-demand' }, profile.source);
  const rng = createRandom(7 ^ 0x5eed);
  const model = createPlatformModel(parsed.params, {
    startMs: START_MS,
    random: () => rng.next(),
    reuseDecisions: true,
  });
  return {
    profile,
    phases: profile.load.phases,
    model,
    seed: 7,
    startMs: START_MS,
    env: {},
    timeoutMs: 10_000,
    maxInFlight: profile.load.maxInFlight,
    ...extra,
  };
}

describe('virtualRun', () => {
  it('computes the same run however often it yields to the event loop', async () => {
    const often = await virtualRun(input({ yieldEvery: 7 }));
    const seldom = await virtualRun(input({}));
    expect(often.stopped).toBe(false);
    expect(often.requests).toBe(4000);
    expect(often.timeline).toEqual(seldom.timeline);
    expect(often.recorder).toEqual(seldom.recorder);
  });

  it('stops sending at the turn where interrupted says so, and answers what it sent', async () => {
    const whole = await virtualRun(input({}));
    let turns = 0;
    // Asked after arrivals 500, 1,000 and 1,500: the 1,501st is not taken.
    const cut = await virtualRun(input({ yieldEvery: 500, interrupted: () => ++turns === 3 }));
    expect(turns).toBe(3);
    expect(cut.stopped).toBe(true);
    expect(cut.requests).toBe(1500);
    const totals = cut.timeline.reduce(
      (t, e) => ({ sent: t.sent + e.sent, completed: t.completed + e.completed }),
      { sent: 0, completed: 0 },
    );
    expect(totals).toEqual({ sent: 1500, completed: 1500 });
    // Every second before the one it stopped in is the whole run's, to the last count.
    const last = cut.timeline.length - 1;
    expect(last).toBeGreaterThan(3);
    expect(cut.timeline.slice(0, last)).toEqual(whole.timeline.slice(0, last));
    expect(cut.timeline[last].sent).toBeLessThan(whole.timeline[last].sent);
  });
});
