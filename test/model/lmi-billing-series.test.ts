/**
 * The LMI series the cost is computed from: instances count from launch (EC2 bills from launch,
 * not from ready), and CPU work is the capacity-weighted `lmi.cpu_vcpu_seconds`, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { driveModel, seriesValues } from './drive-model.js';

const START_MS = Date.UTC(2026, 0, 1);

function lmiModel(block: Record<string, unknown>) {
  const params = parseModelParams({ platform: 'lmi', ...block }, {}, 'test');
  const rng = createRandom(1);
  return createPlatformModel(params, { startMs: START_MS, random: () => rng.next() });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('LMI billing series', () => {
  it('counts an instance from its launch, 60 s before it is ready', () => {
    // sentiment at 100 req/s = 8 vCPUs: the first evaluation (300 s) wants 20 environments of
    // sentiment and 3 of each of the 7 other functions: 41 environments, 11 instances.
    const model = lmiModel({ lmi: { launchDelay: '60s' } });
    const r = driveModel(model, START_MS, 420, () => 100, ['sentiment']);
    expect(r.admitted).toBeGreaterThan(0);
    const instances = seriesValues(model, 'lmi.instances');
    expect(instances[299]).toBe(6);
    expect(instances[300]).toBe(11); // launched at 300 s, billed from then
    expect(instances[359]).toBe(11);
    const s = model.series().find((x) => x.name === 'lmi.instances')!;
    expect(s.labels).toEqual({ capacityProvider: 'notes-lmi', instanceType: 'm7i.xlarge' });
    // Ready only at 360 s: environments (and admitted load) grow then, not at launch.
    const envs = model
      .series()
      .find(
        (x) => x.name === 'lmi.execution_environments' && x.labels.function === 'notes-sentiment',
      )!.points;
    expect(envs[359][1]).toBe(3);
    expect(envs[361][1]).toBe(20);
  });

  it('lmi.cpu_vcpu_seconds sums to the CPU time of the admitted requests', () => {
    // 40 req/s of read (5 ms CPU each) for 60 s, then 10 s of nothing so every request ends.
    const model = lmiModel({});
    const r = driveModel(model, START_MS, 70, (t) => (t < 60 ? 40 : 0), ['read']);
    expect(r.throttled).toBe(0);
    const cpuSeconds = sum(seriesValues(model, 'lmi.cpu_vcpu_seconds'));
    expect(cpuSeconds).toBeCloseTo((r.admitted * 5) / 1000, 4);
    expect(r.admitted).toBe(2400);
  });
});
