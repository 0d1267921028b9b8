/**
 * fetchPriceTable: reads current list prices of one region from the AWS Price List API
 * (GetProducts, paginated) and builds a PriceTable. EC2: Linux, shared tenancy, no pre-installed
 * software, capacitystatus Used, marketoption OnDemand, productFamily "Compute Instance" (the
 * filters Karpenter uses, reference/aws-facts.md §2.4). Lambda: service code AWSLambda,
 * productFamily "Serverless", first-tier prices by product `group`. Anything the API does not return keeps the fallback
 * table's value, and the table's source says which parts came from where.
 */
import { paginateGetProducts, type Filter, type PricingClient } from '@aws-sdk/client-pricing';
import type { InstancePrice, PriceTable } from './price-table.js';

/** One product of a GetProducts answer, the parts this module reads. */
interface PriceListProduct {
  product?: { attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<
      string,
      {
        priceDimensions?: Record<
          string,
          { unit?: string; beginRange?: string; pricePerUnit?: { USD?: string } }
        >;
      }
    >;
  };
}

/** Lambda product `group` attribute -> where its first-tier price goes in the table. */
const LAMBDA_GROUPS: Record<string, [keyof PriceTable['lambda'], 'x86_64' | 'arm64' | null]> = {
  'AWS-Lambda-Duration': ['gbSecondUsd', 'x86_64'],
  'AWS-Lambda-Duration-ARM': ['gbSecondUsd', 'arm64'],
  'AWS-Lambda-Provisioned-Concurrency': ['provisionedGbSecondUsd', 'x86_64'],
  'AWS-Lambda-Provisioned-Concurrency-ARM': ['provisionedGbSecondUsd', 'arm64'],
  'AWS-Lambda-Duration-Provisioned': ['provisionedDurationGbSecondUsd', 'x86_64'],
  'AWS-Lambda-Duration-Provisioned-ARM': ['provisionedDurationGbSecondUsd', 'arm64'],
  'AWS-Lambda-Requests': ['requestsUsdPerMillion', null],
};

export interface FetchPriceTableOptions {
  /** A client of the Price List API endpoint (us-east-1, eu-central-1 or ap-south-1). */
  client: PricingClient;
  /** The region whose prices are wanted. */
  region: string;
  instanceTypes: string[];
  /** Values kept for anything the API does not return (usually the built-in table). */
  fallback: PriceTable;
  /** The date stamped on the table. */
  now: Date;
}

/** The table and the instance types the API had no price for (those keep the fallback's). */
export interface FetchedPriceTable {
  table: PriceTable;
  missing: string[];
}

/** fetchPriceTable makes one paginated query per instance type plus one for Lambda. */
export async function fetchPriceTable(options: FetchPriceTableOptions): Promise<FetchedPriceTable> {
  const { client, region, fallback } = options;
  const ec2: Record<string, InstancePrice> = {};
  const missing: string[] = [];
  for (const type of options.instanceTypes) {
    const found = await fetchInstancePrice(client, region, type);
    if (found) ec2[type] = found;
    else {
      missing.push(type);
      if (fallback.ec2[type]) ec2[type] = fallback.ec2[type];
    }
  }
  const lambda = structuredClone(fallback.lambda);
  const lambdaFound = await fetchLambdaPrices(client, region, lambda);
  if (!lambdaFound) missing.push('lambda');
  const table: PriceTable = {
    date: options.now.toISOString().slice(0, 10),
    source:
      `AWS Price List API (GetProducts, ${region})` +
      (missing.length ? `; kept from ${fallback.date} table: ${missing.join(', ')}` : ''),
    region,
    lambda,
    lmi: structuredClone(fallback.lmi),
    ec2,
  };
  return { table, missing };
}

async function* products(client: PricingClient, serviceCode: string, filters: Filter[]) {
  for await (const page of paginateGetProducts(
    { client },
    { ServiceCode: serviceCode, Filters: filters },
  )) {
    const list = (page.PriceList ?? []) as unknown[];
    for (const item of list) yield JSON.parse(String(item)) as PriceListProduct;
  }
}

function term(field: string, value: string): Filter {
  return { Type: 'TERM_MATCH', Field: field, Value: value };
}

async function fetchInstancePrice(
  client: PricingClient,
  region: string,
  type: string,
): Promise<InstancePrice | null> {
  const filters = [
    term('regionCode', region),
    term('instanceType', type),
    term('operatingSystem', 'Linux'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
    term('tenancy', 'Shared'),
    // On-Demand rows of instances only (no Reserved/Spot market rows, no dedicated hosts).
    term('marketoption', 'OnDemand'),
    term('productFamily', 'Compute Instance'),
  ];
  for await (const product of products(client, 'AmazonEC2', filters)) {
    const attributes = product.product?.attributes ?? {};
    const hourlyUsd = firstTierUsd(product, 'Hrs');
    const vcpus = Number(attributes.vcpu);
    const memoryGiB = Number.parseFloat((attributes.memory ?? '').replace(/,/g, ''));
    if (hourlyUsd !== null && hourlyUsd > 0 && vcpus > 0 && memoryGiB > 0)
      return { vcpus, memoryGiB, hourlyUsd };
  }
  return null;
}

/** Fills `lambda` in place with what the API returns; true when any Lambda price was found. */
async function fetchLambdaPrices(
  client: PricingClient,
  region: string,
  lambda: PriceTable['lambda'],
): Promise<boolean> {
  let found = false;
  for await (const product of products(client, 'AWSLambda', [
    term('regionCode', region),
    term('productFamily', 'Serverless'),
  ])) {
    const group = product.product?.attributes?.group ?? '';
    const slot = LAMBDA_GROUPS[group];
    const usd = firstTierUsd(product, null);
    if (!slot || usd === null) continue;
    const [key, arch] = slot;
    if (key === 'requestsUsdPerMillion') lambda.requestsUsdPerMillion = usd * 1e6;
    else if (arch) lambda[key][arch] = usd;
    found = true;
  }
  return found;
}

/** The USD price of the first tier (beginRange 0) of the On-Demand term, optionally of one unit. */
function firstTierUsd(product: PriceListProduct, unit: string | null): number | null {
  for (const offer of Object.values(product.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(offer.priceDimensions ?? {})) {
      if (unit !== null && dimension.unit !== unit) continue;
      if (dimension.beginRange !== undefined && Number(dimension.beginRange) !== 0) continue;
      const usd = Number(dimension.pricePerUnit?.USD);
      if (Number.isFinite(usd)) return usd;
    }
  }
  return null;
}
