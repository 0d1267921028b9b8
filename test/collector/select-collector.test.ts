/** selectCollector: `--collect none|model|aws|auto`, and failures when aws is demanded. */
import { describe, expect, it } from 'vitest';
import { CollectorError } from '../../src/errors.js';
import {
  collectSource,
  requiredCollectionFailed,
  selectCollector,
} from '../../src/collector/select-collector.js';
import type { PlatformSeries } from '../../src/record/run-record.js';

const modelSeries: PlatformSeries[] = [
  {
    name: 'lambda.concurrent_executions',
    labels: { function: 'notes-get' },
    source: 'model',
    periodSec: 1,
    stat: 'Maximum',
    unit: 'Count',
    points: [[1, 2]],
  },
];
const embedded = { platformSeries: () => Promise.resolve(modelSeries) };
const aws = { functions: { getNote: 'notes-get' } };
const noCredentials = () =>
  Promise.reject(
    Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    }),
  );

describe('selectCollector', () => {
  it('none collects nothing', async () => {
    const c = await selectCollector({ mode: 'none', embedded, aws, env: {} });
    expect(c.source).toBe('none');
    expect((await c.stop({ endedAtMs: 1 })).series).toEqual([]);
  });

  it('auto picks the model for the embedded target and returns its series at stop', async () => {
    const c = await selectCollector({ mode: 'auto', embedded, aws, env: {} });
    expect(c.source).toBe('model');
    await c.start({ startedAtMs: 0 });
    expect(await c.stop({ endedAtMs: 1 })).toEqual({ series: modelSeries, warnings: [] });
  });

  it('model turns a failing embedded target into a warning', async () => {
    const c = await selectCollector({
      mode: 'model',
      embedded: { platformSeries: () => Promise.reject(new Error('gone')) },
      env: {},
    });
    const result = await c.stop({ endedAtMs: 1 });
    expect(result.series).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('gone')]);
  });

  it('model without the embedded target is a CollectorError', async () => {
    await expect(selectCollector({ mode: 'model', env: {} })).rejects.toBeInstanceOf(
      CollectorError,
    );
  });

  it('aws with no credentials throws CollectorError naming what is missing, without secrets', async () => {
    const env = { AWS_REGION: 'us-east-1' };
    const error = await selectCollector({
      mode: 'aws',
      aws,
      env,
      clientConfig: { credentials: noCredentials },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as Error).message).toContain('no AWS credentials');
  });

  it('aws with no region throws CollectorError', async () => {
    const error = await selectCollector({
      mode: 'aws',
      aws,
      env: {},
      clientConfig: {
        region: undefined,
        credentials: { accessKeyId: 'AKIDX', secretAccessKey: 'y' },
      },
    }).catch((e: unknown) => e);
    // the SDK may still find a region in ~/.aws/config; only then does this resolve
    if (error instanceof Error) expect(error.message).toContain('region');
  });

  it('auto without credentials warns and collects nothing; the run goes on', async () => {
    const c = await selectCollector({
      mode: 'auto',
      aws,
      env: { AWS_REGION: 'us-east-1' },
      clientConfig: { credentials: noCredentials },
    });
    expect(c.source).toBe('none');
    const result = await c.stop({ endedAtMs: 1 });
    expect(result.warnings).toEqual([expect.stringContaining('no AWS credentials')]);
  });

  it('aws demanded without AWS resources is a CollectorError; auto is none', async () => {
    await expect(
      selectCollector({ mode: 'aws', aws: { functions: {} }, env: {} }),
    ).rejects.toBeInstanceOf(CollectorError);
    expect((await selectCollector({ mode: 'auto', env: {} })).source).toBe('none');
  });

  it('requiredCollectionFailed reports permission failures and empty results', () => {
    expect(requiredCollectionFailed({ series: [], warnings: [] })).toContain('no platform series');
    expect(
      requiredCollectionFailed({
        series: modelSeries,
        warnings: [],
        failures: [{ kind: 'access-denied', message: 'missing permission x' }],
      }),
    ).toBe('missing permission x');
    expect(
      requiredCollectionFailed({
        series: modelSeries,
        warnings: ['w'],
        failures: [{ kind: 'throttled', message: 't' }],
      }),
    ).toBeNull();
  });
});

describe('collectSource', () => {
  it.each([
    ['none', true, aws, 'none'],
    ['none', false, aws, 'none'],
    ['model', true, undefined, 'model'],
    ['model', false, aws, 'model'],
    ['auto', true, aws, 'model'],
    ['auto', false, aws, 'aws'],
    ['auto', false, undefined, 'none'],
    ['auto', false, { functions: {} }, 'none'],
    ['aws', false, aws, 'aws'],
    ['aws', false, undefined, 'none'],
  ] as const)('--collect %s, embedded %s, aws %o -> %s', (mode, isEmbedded, spec, source) => {
    expect(collectSource(mode, isEmbedded, spec)).toBe(source);
  });
});
