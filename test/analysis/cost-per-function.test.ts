/**
 * Issue 9 items 1-3, worked by hand: CPU time from its best source, each function priced with its
 * own memory and architecture, x86_64 by default, and every report's architecture sentence.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { functionSeries } from './fixtures/function-series.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const prices = builtinPrices['us-east-1'];
const X86 = 0.0000166667;
const ARM = 0.0000133334;

function awsRecord() {
  // notes-get: 480 + 490 invocations of 40 and 60 ms -> 48.6 s, + 0.5 ms each for the 1 ms round-up
  // -> 49.085 s billed; notes-put: 100 × 200.5 ms -> 20.05 s
  const record = makeRunRecord({
    target: { url: 'https://api.example.com', kind: 'external' },
    platform: {
      series: [
        ...functionSeries('notes-get', [480, 490], [40, 60], { cpuTotalMs: [4800, 4900] }),
        ...functionSeries('notes-put', [100, 0], [200, 0]),
      ],
      functions: [
        { name: 'notes-get', memoryMb: 1024, architecture: 'arm64' },
        { name: 'notes-put', memoryMb: 4096, architecture: 'x86_64' },
      ],
    },
  });
  return record;
}

describe('item 2: each function priced with its own discovered memory and architecture', () => {
  const cost = analyzeCost(awsRecord(), prices);
  it('GB-s and duration cost per function', () => {
    // notes-get 49.085 s × 1 GiB at arm64, notes-put 20.05 s × 4 GiB at x86_64
    expect(cost.work!.gbSeconds).toBeCloseTo(49.085 + 80.2, 10);
    const lambda = cost.scenarios.find((s) => s.name === 'lambda on-demand')!;
    expect(lambda.breakdown.durationUsd).toBeCloseTo(49.085 * ARM + 80.2 * X86, 12);
    expect(lambda.basis).toBe('observed');
    expect(lambda.inputs!.memory).toBe('1024 MB (notes-get), 4096 MB (notes-put)');
    expect(lambda.inputs!.architecture).toBe('arm64 (notes-get), x86_64 (notes-put)');
    expect(cost.architecture).toMatch(
      /arm64 \(notes-get\), x86_64 \(notes-put\).*GetFunctionConfiguration/,
    );
  });
  it('is not priced at the model defaults: 1 GiB, not 4 GiB', () => {
    const atDefaults = 49.085 * 4 * ARM + 80.2 * X86;
    const lambda = cost.scenarios.find((s) => s.name === 'lambda on-demand')!;
    expect(lambda.breakdown.durationUsd).toBeLessThan(atDefaults);
  });
});

describe('item 1: CPU time from Lambda Insights, else an upper bound, or --cpu-fraction', () => {
  it('uses cpu_total_time where the function has it and the vCPU share elsewhere', () => {
    const cost = analyzeCost(awsRecord(), prices);
    const get = cost.work!;
    // notes-get: (4800 + 4900) ms = 9.7 s measured; notes-put: 20.05 s × 4096/1769 upper bound
    expect(get.vcpuSeconds).toBeCloseTo(9.7 + 20.05 * (4096 / 1769), 10);
    const lmi = cost.scenarios.find((s) => s.name === 'lmi')!;
    expect(lmi.basis).toBe('upper bound');
    expect(lmi.inputs!.cpuTime).toMatch(/Lambda Insights cpu_total_time \(notes-get\)/);
    expect(lmi.inputs!.cpuTime).toMatch(/upper bound.*\(notes-put\)/);
  });
  it('--cpu-fraction fills in only where CPU time is unknown', () => {
    const cost = analyzeCost(awsRecord(), prices, { cpuFraction: 0.1 });
    expect(cost.work!.vcpuSeconds).toBeCloseTo(9.7 + 20.05 * 0.1, 10);
    expect(cost.scenarios.find((s) => s.name === 'lmi')!.basis).toBe('estimated');
  });
  it("uses the model's route cpuMs for a model run and says --cpu-fraction was unused", () => {
    const record = makeRunRecord({
      platform: {
        series: [
          ...functionSeries('notes-read', [600, 400], [30, 30]),
          ...functionSeries('notes-sentiment', [50, 50], [120, 120]),
        ],
        model: {
          'onDemand.functionMemoryMb': { value: 1024, source: 'assumed' },
          'routes.read': { value: { functionName: 'notes-read', cpuMs: 5 }, source: 'assumed' },
          'routes.list': { value: { functionName: 'notes-read', cpuMs: 5 }, source: 'assumed' },
          'routes.sentiment': {
            value: { functionName: 'notes-sentiment', cpuMs: 80 },
            source: 'assumed',
          },
        },
      },
    });
    const cost = analyzeCost(record, prices, { cpuFraction: 0.5 });
    // 1,000 × 5 ms + 100 × 80 ms = 5 + 8 vCPU-s, not duration × 1024/1769 = 42 × 0.579
    expect(cost.work!.vcpuSeconds).toBeCloseTo(13, 10);
    expect(cost.scenarios.find((s) => s.name === 'lmi')!.basis).toBe('estimated');
    expect(cost.notes!.join(' ')).toMatch(/--cpu-fraction 0.5 not used/);
  });
});

describe('item 3: architecture', () => {
  const record = makeRunRecord({
    platform: { series: functionSeries('fn', [100, 100], [50, 50]) },
  });
  it('prices x86_64 by default and says so', () => {
    // 200 × 0.0505 s (50 ms + the 0.5 ms round-up) × 1 GiB (default memory) = 10.1 GB-s
    const cost = analyzeCost(record, prices);
    const lambda = cost.scenarios.find((s) => s.name === 'lambda on-demand')!;
    expect(lambda.breakdown.durationUsd).toBeCloseTo(10.1 * X86, 12);
    expect(cost.architecture).toMatch(/^Lambda priced as x86_64 \(AWS default/);
  });
  it("prices the model's architecture when the record names one", () => {
    const arm = makeRunRecord({
      platform: {
        series: functionSeries('fn', [100, 100], [50, 50]),
        model: { architecture: { value: 'arm64', source: 'command line' } },
      },
    });
    const cost = analyzeCost(arm, prices);
    expect(cost.scenarios[0].breakdown.durationUsd).toBeCloseTo(10.1 * ARM, 12);
    expect(cost.architecture).toBe('Lambda priced as arm64 (model architecture)');
  });
});

describe("the model's billed duration (init included) wins over invocations × duration", () => {
  it('prices lambda.billed_duration_ms when the record has it', () => {
    const base = functionSeries('fn', [100, 100], [50, 50]);
    const billed = {
      ...base[0],
      name: 'lambda.billed_duration_ms',
      unit: 'Milliseconds',
      points: base[0].points.map(([t]): [number, number] => [t, 6000]),
    };
    // 12,000 ms billed (cold starts' init included) × 1 GiB, not 200 × 50 ms = 10 s
    const cost = analyzeCost(makeRunRecord({ platform: { series: [...base, billed] } }), prices);
    expect(cost.work!.gbSeconds).toBeCloseTo(12, 12);
    expect(cost.scenarios[0].note).toMatch(/lambda.billed_duration_ms \(init included\)/);
  });
});

describe('the LMI what-if and the fleet on the discovered architecture', () => {
  // cost-assumptions passed the default architecture to the LMI sizing: m7i.xlarge (x86_64) for
  // functions discovered as arm64.
  it('all functions arm64: m7g.xlarge', () => {
    const record = awsRecord();
    record.platform.functions = record.platform.functions!.map((f) => ({
      ...f,
      architecture: 'arm64' as const,
    }));
    const cost = analyzeCost(record, prices);
    const lmi = cost.scenarios.find((s) => s.name === 'lmi')!;
    const fleet = cost.scenarios.find((s) => s.name.startsWith('fixed fleet for peak'))!;
    expect(lmi.inputs!.architecture).toBe('arm64 (m7g.xlarge)');
    expect(fleet.inputs!.architecture).toBe('arm64 (m7g.xlarge)');
  });
  it('mixed architectures keep the AWS default, x86_64', () => {
    const lmi = analyzeCost(awsRecord(), prices).scenarios.find((s) => s.name === 'lmi')!;
    expect(lmi.inputs!.architecture).toBe('x86_64 (m7i.xlarge)');
  });
});

describe('the memory input of the LMI and fleet rows', () => {
  // They showed the on-demand Lambda memory (1024 MB, 4096 MB), not what LMI was sized with.
  it('LMI what-if: the memory per execution environment it was sized with; a fleet: not used', () => {
    const cost = analyzeCost(awsRecord(), prices);
    const lmi = cost.scenarios.find((s) => s.name === 'lmi')!;
    const fleet = cost.scenarios.find((s) => s.name.startsWith('fixed fleet for peak'))!;
    expect(lmi.inputs!.memory).toBe('4 GiB per LMI execution environment');
    expect(fleet.inputs!.memory).toBe('not used: a fleet is sized by peak vCPUs');
  });
});
