import { describe, expect, it } from 'vitest';
import {
  nextEnvironments,
  type EnvironmentWindow,
} from '../../src/model/lmi-environment-scaler.js';

const base: EnvironmentWindow = {
  avgLoadVcpu: 0,
  peakInFlight: 0,
  vCpuPerEnv: 1,
  envConcurrency: 64,
  targetCpu: 0.4,
  tolerance: 0.1,
  minEnvironments: 3,
  maxEnvironments: 100,
};

describe('nextEnvironments', () => {
  it.each([
    // [avg load vCPU, peak in flight, current, expected]
    [8.0, 0, 20, { environments: 20, action: 'hold' }], // exactly at 40% of 20
    [8.1, 0, 20, { environments: 21, action: 'out' }], // 8.1 / 0.4 = 20.25 -> 21
    [12, 0, 20, { environments: 30, action: 'out' }], // straight to need(40%)
    [7.4, 0, 21, { environments: 21, action: 'hold' }], // need(36%) = ceil(20.6) = 21: inside the band
    [7.2, 0, 21, { environments: 20, action: 'in' }], // need(36%) = 20: one fewer
    [1, 0, 20, { environments: 19, action: 'in' }], // scale-in is one at a time
    [0, 0, 3, { environments: 3, action: 'hold' }], // the minimum holds
    [0, 0, 1, { environments: 3, action: 'out' }], // below the minimum: up to it
    [0, 200, 3, { environments: 8, action: 'out' }], // concurrency: 200 / (64 x 0.4) = 7.8 -> 8
    [1000, 0, 20, { environments: 100, action: 'out' }], // the maximum caps
  ] as const)('load %f, peak %i, from %i -> %o', (avgLoadVcpu, peakInFlight, current, expected) => {
    expect(nextEnvironments({ ...base, avgLoadVcpu, peakInFlight }, current)).toEqual(expected);
  });
});
