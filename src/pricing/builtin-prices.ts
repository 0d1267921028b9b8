/**
 * builtinPrices: the price tables shipped with flashcrowd, used when no `--prices` file and no
 * refreshed cache exist. Refresh them with `flashcrowd prices refresh --region R`.
 *
 * Sources (see docs reference/aws-facts.md §2):
 * - Lambda: https://aws.amazon.com/lambda/pricing/ (us-east-1, first tier), matching the Price List
 *   rate codes `Lambda Duration` 0.0000166667, `Lambda Duration-ARM` 0.0000133334,
 *   `Lambda Provisioned-Concurrency` 0.0000041667, `Lambda Duration-Provisioned` 0.0000097222.
 * - LMI: 15% management fee on the EC2 On-Demand price plus $0.20 per million requests
 *   (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html).
 * - EC2 Linux On-Demand, shared tenancy: Karpenter's table generated from the AWS Price List API
 *   at 2026-07-20 for us-east-1 (aws/karpenter-provider-aws, zz_generated.pricing_aws.go).
 */
import type { InstancePrice, PriceTable } from './price-table.js';

const EC2_US_EAST_1: Record<string, InstancePrice> = {
  'm7g.large': { vcpus: 2, memoryGiB: 8, hourlyUsd: 0.0816 },
  'm7g.xlarge': { vcpus: 4, memoryGiB: 16, hourlyUsd: 0.1632 },
  'm7g.2xlarge': { vcpus: 8, memoryGiB: 32, hourlyUsd: 0.3264 },
  'c7g.large': { vcpus: 2, memoryGiB: 4, hourlyUsd: 0.0725 },
  'c7g.xlarge': { vcpus: 4, memoryGiB: 8, hourlyUsd: 0.145 },
  'c7g.2xlarge': { vcpus: 8, memoryGiB: 16, hourlyUsd: 0.29 },
  'r7g.xlarge': { vcpus: 4, memoryGiB: 32, hourlyUsd: 0.2142 },
  'm8g.large': { vcpus: 2, memoryGiB: 8, hourlyUsd: 0.08976 },
  'm8g.xlarge': { vcpus: 4, memoryGiB: 16, hourlyUsd: 0.17952 },
  'c8g.large': { vcpus: 2, memoryGiB: 4, hourlyUsd: 0.07976 },
  'c8g.xlarge': { vcpus: 4, memoryGiB: 8, hourlyUsd: 0.15952 },
  'r8g.xlarge': { vcpus: 4, memoryGiB: 32, hourlyUsd: 0.23564 },
  'c7i.large': { vcpus: 2, memoryGiB: 4, hourlyUsd: 0.08925 },
  'c7i.xlarge': { vcpus: 4, memoryGiB: 8, hourlyUsd: 0.1785 },
  'm7i.large': { vcpus: 2, memoryGiB: 8, hourlyUsd: 0.1008 },
  'm7i.xlarge': { vcpus: 4, memoryGiB: 16, hourlyUsd: 0.2016 },
  'm7a.large': { vcpus: 2, memoryGiB: 8, hourlyUsd: 0.11592 },
  'm7a.xlarge': { vcpus: 4, memoryGiB: 16, hourlyUsd: 0.23184 },
  'c7a.xlarge': { vcpus: 4, memoryGiB: 8, hourlyUsd: 0.20528 },
  'm5.large': { vcpus: 2, memoryGiB: 8, hourlyUsd: 0.096 },
};

const LAMBDA_STANDARD: PriceTable['lambda'] = {
  requestsUsdPerMillion: 0.2,
  gbSecondUsd: { x86_64: 0.0000166667, arm64: 0.0000133334 },
  provisionedGbSecondUsd: { x86_64: 0.0000041667, arm64: 0.0000033334 },
  provisionedDurationGbSecondUsd: { x86_64: 0.0000097222, arm64: 0.0000077778 },
};

const LMI_FEES: PriceTable['lmi'] = { managementFeeFraction: 0.15, requestsUsdPerMillion: 0.2 };

const US_EAST_1: PriceTable = {
  date: '2026-07-20',
  source:
    'built-in: Lambda pricing page (us-east-1) and EC2 On-Demand from the AWS Price List API via Karpenter, 2026-07-20',
  region: 'us-east-1',
  lambda: LAMBDA_STANDARD,
  lmi: LMI_FEES,
  ec2: EC2_US_EAST_1,
};

/**
 * us-east-2 and us-west-2 list the same Lambda and On-Demand prices as us-east-1 for these
 * instance types; the table says so in its source, and `prices refresh` replaces it with the
 * Price List API's own figures.
 */
function sameAsUsEast1(region: string): PriceTable {
  return {
    ...US_EAST_1,
    region,
    source: `built-in: us-east-1 list prices, which AWS also charges in ${region} for these types (run \`flashcrowd prices refresh --region ${region}\` to confirm)`,
  };
}

/** builtinPrices maps a region to its shipped table. Read-only: callers copy before changing. */
export const builtinPrices: Readonly<Record<string, PriceTable>> = {
  'us-east-1': US_EAST_1,
  'us-east-2': sameAsUsEast1('us-east-2'),
  'us-west-2': sameAsUsEast1('us-west-2'),
};
