import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { modelParameters } from '../../src/model/model-parameters.js';
import {
  parseModel,
  parseModelParams,
  type ModelOverrides,
} from '../../src/model/parse-model-params.js';

function issuePaths(block: unknown, overrides = {}): string[] {
  try {
    parseModelParams(block, overrides, 'p.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).source).toBe('p.yaml');
    return (error as ProfileError).issues.map((i) => i.path).sort();
  }
  throw new Error('expected a ProfileError');
}

describe('parseModelParams', () => {
  it('returns the documented defaults for an empty block', () => {
    const p = parseModelParams(undefined);
    expect(p.onDemand.accountConcurrency).toBe(1000);
    expect(p.onDemand.newEnvironmentsPer10s).toBe(1000);
    expect(p.architecture).toBe('x86_64');
    expect(p.lmi.instanceType).toBe('m7i.xlarge');
    expect(p.lmi.targetCpu).toBe(0.4);
    expect(p.lmi.initialInstances).toBe(3);
    expect(p.lmi.perVCpuMaxConcurrency).toBe(64);
    expect(p.routes.summarize.serviceMs).toEqual({ min: 2000, max: 4000 });
  });

  it('reads durations, percentages and ranges', () => {
    const p = parseModelParams({
      onDemand: { coldStart: { min: '100ms', max: '1s' }, idleTimeout: '10m' },
      lmi: { targetCpu: '30%', launchDelay: 45_000 },
      routes: { read: { serviceTime: '50ms', cpuTime: '10ms', function: 'notes-get' } },
    });
    expect(p.onDemand.coldStartMs).toEqual({ min: 100, max: 1000 });
    expect(p.onDemand.idleTimeoutMs).toEqual({ min: 600_000, max: 600_000 });
    expect(p.lmi.targetCpu).toBeCloseTo(0.3);
    expect(p.lmi.launchDelayMs).toEqual({ min: 45_000, max: 45_000 });
    expect(p.routes.read).toEqual({
      functionName: 'notes-get',
      serviceMs: { min: 50, max: 50 },
      cpuMs: 10,
    });
  });

  it('applies command-line overrides over the block', () => {
    const p = parseModelParams(
      { lmi: { targetCpu: 0.5 } },
      {
        platform: 'lmi',
        architecture: 'arm64',
        targetCpu: '60%',
        instanceType: 'c7g.2xlarge',
      },
    );
    expect(p.platform).toBe('lmi');
    expect(p.lmi.targetCpu).toBeCloseTo(0.6);
    expect(p.lmi.instanceType).toBe('c7g.2xlarge');
    expect(parseModelParams({}, { accountConcurrency: '3000' }).onDemand.accountConcurrency).toBe(
      3000,
    );
  });

  it('refuses --account-concurrency on the lmi platform, which never reads it', () => {
    let error: unknown;
    try {
      parseModelParams({ platform: 'lmi' }, { accountConcurrency: '5' }, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).issues).toEqual([
      expect.objectContaining({
        path: 'model.onDemand.accountConcurrency',
        hint: 'drop it, or give --platform on-demand; set by --account-concurrency',
      }),
    ]);
    // The block's own on-demand section is kept: a profile may be simulated on either platform.
    const both = { platform: 'lmi', onDemand: { accountConcurrency: 5 } };
    expect(parseModelParams(both).platform).toBe('lmi');
    // The lmi.* flags size the cost analysis's LMI what-if of an on-demand run: accepted there.
    expect(parseModelParams({}, { instanceType: 'c7i.xlarge' }).lmi.instanceType).toBe(
      'c7i.xlarge',
    );
  });

  it('reports every bad parameter at once with its model.* path', () => {
    expect(
      issuePaths({
        timeScale: -1,
        onDemand: { accountConcurrency: -5, coldStart: 'fast' },
        lmi: { targetCpu: 1.5, minInstances: -1 },
        bogus: 1,
      }),
    ).toEqual([
      'model',
      'model.lmi.minInstances',
      'model.lmi.targetCpu',
      'model.onDemand.accountConcurrency',
      'model.onDemand.coldStart',
      'model.timeScale',
    ]);
  });

  it('rejects an unknown instance type, min above max and inverted ranges', () => {
    expect(
      issuePaths({
        lmi: { instanceType: 'm7g.huge', minInstances: 10, maxInstances: 4 },
        onDemand: { coldStart: { min: '2s', max: '1s' } },
      }),
    ).toEqual(['model.lmi.instanceType', 'model.lmi.minInstances', 'model.onDemand.coldStart']);
  });

  it('takes the architecture from the block or --architecture, with a default type of that architecture', () => {
    expect(parseModelParams({ architecture: 'arm64' }).lmi.instanceType).toBe('m7g.xlarge');
    const p = parseModelParams({}, { architecture: 'arm64' });
    expect([p.architecture, p.lmi.instanceType]).toEqual(['arm64', 'm7g.xlarge']);
    expect(issuePaths({ architecture: 'sparc' })).toEqual(['model.architecture']);
  });

  it('rejects an instance type of the other architecture, naming the fix', () => {
    let error: unknown;
    try {
      parseModelParams({ lmi: { instanceType: 'c7g.xlarge' } }, {}, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as ProfileError).issues).toEqual([
      {
        path: 'model.lmi.instanceType',
        message: "c7g.xlarge is arm64, but the model's architecture is x86_64",
        hint: expect.stringContaining('set architecture: arm64 (--architecture arm64)') as string,
      },
    ]);
  });

  it('points the old perEnvironmentMaxConcurrency key to perVCpuMaxConcurrency', () => {
    let error: unknown;
    try {
      parseModelParams({ lmi: { perEnvironmentMaxConcurrency: 8 } }, {}, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as ProfileError).issues[0]).toMatchObject({
      path: 'model.lmi',
      hint: expect.stringContaining('perVCpuMaxConcurrency') as string,
    });
  });

  it('rejects environments below 1 vCPU and above 1,600 concurrent requests', () => {
    expect(issuePaths({ lmi: { functionMemoryGiB: 2, memoryGiBPerVCpu: 4 } })).toEqual([
      'model.lmi.functionMemoryGiB',
    ]);
    expect(
      issuePaths({
        lmi: { functionMemoryGiB: 8, memoryGiBPerVCpu: 2, perVCpuMaxConcurrency: 401 },
      }),
    ).toEqual(['model.lmi.perVCpuMaxConcurrency']);
  });

  it('checks per-function environment limits and that every minimum fits the provider', () => {
    expect(
      issuePaths({
        lmi: {
          minExecutionEnvironments: 4,
          maxExecutionEnvironments: 6,
          functions: { 'notes-read': { minExecutionEnvironments: 9 } },
        },
      }),
    ).toEqual(['model.lmi.functions.notes-read.minExecutionEnvironments']);
    // 8 functions x 3 environments need 6 m7i.xlarge.
    expect(issuePaths({ lmi: { maxInstances: 5 } })).toEqual([
      'model.lmi.minExecutionEnvironments',
    ]);
    const p = parseModelParams({
      lmi: { functions: { 'notes-read': { maxExecutionEnvironments: 5 } } },
    });
    expect(p.lmi.functions).toEqual({ 'notes-read': { maxExecutionEnvironments: 5 } });
  });

  it('names the override path when a flag is bad', () => {
    expect(issuePaths({}, { targetCpu: '-3', platform: 'fargate' })).toEqual([
      'model.lmi.targetCpu',
      'model.platform',
    ]);
  });

  it('blames a bad value on the flag that set it, not on the profile', () => {
    let error: unknown;
    try {
      parseModelParams({ lmi: { minInstances: 2 } }, { targetCpu: 'abc' }, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).issues).toEqual([
      expect.objectContaining({ path: 'model.lmi.targetCpu', hint: 'set by --target-cpu' }),
    ]);
  });

  it('rejects reserving more than the account minus 100 unreserved', () => {
    expect(issuePaths({ onDemand: { reservedConcurrency: { 'notes-read': 950 } } })).toEqual([
      'model.onDemand.reservedConcurrency',
    ]);
  });

  it('lets an account below 100 reserve nothing, and names the flag of a cross-field problem', () => {
    expect(parseModelParams({}, { accountConcurrency: '10' }).onDemand.accountConcurrency).toBe(10);
    expect(
      issuePaths(
        { onDemand: { reservedConcurrency: { 'notes-read': 1 } } },
        { accountConcurrency: '99' },
      ),
    ).toEqual(['model.onDemand.reservedConcurrency']);
    let error: unknown;
    try {
      parseModelParams({}, { targetCpu: '150%' }, 'p.yaml');
    } catch (e) {
      error = e;
    }
    expect((error as ProfileError).issues).toEqual([
      {
        path: 'model.lmi.targetCpu',
        message: 'must be at most 1 (100%)',
        hint: 'set by --target-cpu',
      },
    ]);
  });

  it('names the flag that set the other side of a cross-field problem', () => {
    const issuesOf = (block: unknown, overrides: ModelOverrides) => {
      try {
        parseModelParams(block, overrides, 'p.yaml');
      } catch (e) {
        return (e as ProfileError).issues;
      }
      throw new Error('expected a ProfileError');
    };
    expect(issuesOf({}, { targetCpu: '95%' })).toEqual([
      {
        path: 'model.lmi.cpuThrottleAt',
        message: 'must not be below targetCpu (0.95)',
        hint: 'targetCpu set by --target-cpu',
      },
    ]);
    expect(issuesOf({ lmi: { minInstances: 3 } }, { maxInstances: '2' })).toContainEqual({
      path: 'model.lmi.minInstances',
      message: 'min (3) is above max (2)',
      hint: 'maxInstances set by --max-instances',
    });
    expect(issuesOf({}, { minInstances: '5', maxInstances: '4' })).toContainEqual({
      path: 'model.lmi.minInstances',
      message: 'min (5) is above max (4)',
      hint: 'set by --min-instances, maxInstances set by --max-instances',
    });
    expect(
      issuesOf(
        { onDemand: { reservedConcurrency: { 'notes-read': 60 } } },
        { accountConcurrency: '150' },
      ),
    ).toEqual([
      expect.objectContaining({
        path: 'model.onDemand.reservedConcurrency',
        hint: 'accountConcurrency set by --account-concurrency',
      }),
    ]);
    // Set in the profile on both sides: no flag to name.
    expect(issuesOf({ lmi: { minInstances: 3, maxInstances: 2 } }, {})).toContainEqual({
      path: 'model.lmi.minInstances',
      message: 'min (3) is above max (2)',
    });
  });

  it('lists every parameter with the source of its default or where the user set it', () => {
    const { params, userSources } = parseModel(
      { lmi: { targetCpu: 0.3 } },
      { accountConcurrency: 2000 },
      'p.yaml',
    );
    const listed = modelParameters(params, userSources);
    expect(listed['onDemand.newEnvironmentsPer10s'].source).toMatch(
      /^https:\/\/docs\.aws\.amazon\.com\//,
    );
    expect(listed['onDemand.coldStartMs'].source).toBe('assumed');
    expect(listed['lmi.targetCpu']).toEqual({ value: 0.3, source: 'profile p.yaml' });
    expect(listed['onDemand.accountConcurrency']).toEqual({ value: 2000, source: 'command line' });
    expect(listed.architecture.value).toBe('x86_64');
    expect(listed.architecture.source).toContain('https://docs.aws.amazon.com/');
    for (const entry of Object.values(listed)) expect(entry.source.length).toBeGreaterThan(0);
  });
});
