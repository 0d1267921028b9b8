import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileError, UsageError } from '../../src/errors.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { loadPrices } from '../../src/pricing/load-prices.js';
import { defaultPriceCacheDir, priceCachePath } from '../../src/pricing/price-cache.js';
import { priceTableSchema } from '../../src/pricing/price-table.js';
import { refreshPrices } from '../../src/pricing/refresh-prices.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'flashcrowd-prices-'));
}

describe('builtin prices', () => {
  it.each(Object.keys(builtinPrices))(
    '%s is a valid dated table with the LMI instance types',
    (region) => {
      const table = priceTableSchema.parse(builtinPrices[region]);
      expect(table.date).toBe('2026-07-20');
      expect(table.ec2['m7g.xlarge']).toEqual({ vcpus: 4, memoryGiB: 16, hourlyUsd: 0.1632 });
      expect(table.lmi.managementFeeFraction).toBe(0.15);
    },
  );
});

describe('loadPrices', () => {
  it('uses the built-in table of a region by default', () => {
    expect(loadPrices().region).toBe('us-east-1');
    expect(loadPrices({ region: 'us-west-2' }).source).toMatch(/us-west-2/);
  });
  it('prefers the refreshed cache, and a --prices file over both', () => {
    const cacheDir = tempDir();
    const cached = { ...builtinPrices['us-east-1'], date: '2026-11-01', source: 'cache' };
    writeFileSync(priceCachePath(cacheDir, 'us-east-1'), JSON.stringify(cached));
    expect(loadPrices({ cacheDir }).source).toBe('cache');
    const file = join(tempDir(), 'p.json');
    writeFileSync(file, JSON.stringify({ ...cached, source: 'file' }));
    expect(loadPrices({ cacheDir, file }).source).toBe('file');
  });
  it('reports every problem of an invalid file at once', () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...builtinPrices['us-east-1'],
        date: 'yesterday',
        ec2: { x: { vcpus: -1 } },
      }),
    );
    try {
      loadPrices({ file });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProfileError);
      const paths = (error as ProfileError).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining(['date', 'ec2.x.vcpus', 'ec2.x.memoryGiB', 'ec2.x.hourlyUsd']),
      );
    }
  });
  it('rejects unreadable files and unknown regions', () => {
    expect(() => loadPrices({ file: join(tempDir(), 'missing.json') })).toThrow(ProfileError);
    expect(() => loadPrices({ region: 'eu-west-9' })).toThrow(UsageError);
    expect(() => loadPrices({ region: 'eu-west-9' })).toThrow(/prices refresh --region eu-west-9/);
  });
  it('puts the cache under XDG_CACHE_HOME or ~/.cache', () => {
    expect(defaultPriceCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/x/flashcrowd/prices');
    expect(defaultPriceCacheDir({}, '/home/u')).toBe('/home/u/.cache/flashcrowd/prices');
  });
});

/** A GetProducts product in the Price List format (each entry is a JSON string). */
function ec2Product(type: string, vcpu: string, memory: string, usd: string): string {
  return JSON.stringify({
    product: { attributes: { instanceType: type, vcpu, memory } },
    terms: {
      OnDemand: {
        'ABC.JRTCKXETXF': {
          priceDimensions: {
            'ABC.JRTCKXETXF.6YS6EN2CT7': { unit: 'Hrs', pricePerUnit: { USD: usd } },
          },
        },
      },
    },
  });
}

function lambdaProduct(group: string, tiers: Array<[begin: string, usd: string]>): string {
  const priceDimensions = Object.fromEntries(
    tiers.map(([begin, usd], i) => [
      `d${i}`,
      { unit: 'Lambda-GB-Second', beginRange: begin, pricePerUnit: { USD: usd } },
    ]),
  );
  return JSON.stringify({
    product: { attributes: { group } },
    terms: { OnDemand: { t: { priceDimensions } } },
  });
}

describe('refreshPrices (Price List API mocked: moto has no pricing service)', () => {
  const pricing = mockClient(PricingClient);
  afterEach(() => pricing.reset());

  it('follows NextToken, writes the cache and reports the age of the old table', async () => {
    pricing
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2' })
      .callsFake((input: { Filters: Array<{ Field: string; Value: string }> }) => {
        const type = input.Filters.find((f) => f.Field === 'instanceType')!.Value;
        if (type === 'm7g.xlarge')
          return { PriceList: [ec2Product('m7g.xlarge', '4', '16 GiB', '0.1700000000')] };
        return { PriceList: [] };
      });
    pricing
      .on(GetProductsCommand, { ServiceCode: 'AWSLambda' })
      .resolvesOnce({
        PriceList: [
          lambdaProduct('AWS-Lambda-Duration', [
            ['0', '0.0000170000'],
            ['6000000000', '0.000015'],
          ]),
        ],
        NextToken: 'page2',
      })
      .resolvesOnce({ PriceList: [lambdaProduct('AWS-Lambda-Requests', [['0', '0.0000002500']])] });

    const cacheDir = tempDir();
    const result = await refreshPrices({
      client: new PricingClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      }),
      region: 'us-east-1',
      cacheDir,
      now: new Date('2026-11-27T10:00:00Z'),
      instanceTypes: ['m7g.xlarge', 'c7g.xlarge'],
    });
    expect(result.path).toBe(priceCachePath(cacheDir, 'us-east-1'));
    expect(result.previous).toMatchObject({ date: '2026-07-20', ageDays: 130 });
    expect(result.missing).toEqual(['c7g.xlarge']);
    expect(result.table.date).toBe('2026-11-27');
    expect(result.table.ec2['m7g.xlarge']).toEqual({ vcpus: 4, memoryGiB: 16, hourlyUsd: 0.17 });
    expect(result.table.ec2['c7g.xlarge']).toEqual(builtinPrices['us-east-1'].ec2['c7g.xlarge']);
    expect(result.table.lambda.gbSecondUsd.x86_64).toBe(0.000017);
    expect(result.table.lambda.gbSecondUsd.arm64).toBe(0.0000133334);
    expect(result.table.lambda.requestsUsdPerMillion).toBeCloseTo(0.25, 12);
    expect(result.table.source).toMatch(
      /AWS Price List API.*kept from 2026-07-20 table: c7g.xlarge/,
    );
    expect(JSON.parse(readFileSync(result.path, 'utf8'))).toEqual(result.table);
    expect(pricing.commandCalls(GetProductsCommand, { ServiceCode: 'AWSLambda' })).toHaveLength(2);
    const ec2Calls = pricing.commandCalls(GetProductsCommand, { ServiceCode: 'AmazonEC2' });
    expect(ec2Calls[0].args[0].input.Filters).toEqual(
      expect.arrayContaining([
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
        { Type: 'TERM_MATCH', Field: 'marketoption', Value: 'OnDemand' },
        { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Compute Instance' },
      ]),
    );
    const lambdaCalls = pricing.commandCalls(GetProductsCommand, { ServiceCode: 'AWSLambda' });
    expect(lambdaCalls[0].args[0].input.Filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Serverless' },
    ]);
    // The next load uses the refreshed cache.
    expect(loadPrices({ cacheDir }).date).toBe('2026-11-27');
  });

  const client = () =>
    new PricingClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });

  it('writes nothing for a region the API has no price for at all (a typo), and says so', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    const cacheDir = tempDir();
    const refresh = refreshPrices({
      client: client(),
      region: 'us-esat-1',
      cacheDir,
      now: new Date('2026-11-27T10:00:00Z'),
      instanceTypes: ['m7g.xlarge', 'c7g.xlarge'],
    });
    await expect(refresh).rejects.toThrow(UsageError);
    await expect(refresh).rejects.toThrow(/no price in us-esat-1 .*check the region code/);
    expect(existsSync(priceCachePath(cacheDir, 'us-esat-1'))).toBe(false);
  });

  it('refuses a name that is no region code before any query', async () => {
    for (const region of ['US-EAST-1', 'useast1', 'us-east', '']) {
      const refresh = refreshPrices({
        client: client(),
        region,
        cacheDir: tempDir(),
        now: new Date(),
      });
      await expect(refresh).rejects.toThrow(/is not an AWS region code/);
    }
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });
});
