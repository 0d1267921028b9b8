/**
 * instanceTypes: the EC2 instance types a capacity provider may use in the model, with their vCPUs,
 * memory and CPU architecture. Sizes are EC2's published specs
 * (https://aws.amazon.com/ec2/instance-types/); `g` families are Graviton (arm64), `i` and `a`
 * families and m5 are x86_64. LMI runs on both (aws-facts.md §1.2, `Architectures`).
 *
 * This list is exactly the set of types with a built-in price (src/pricing/builtin-prices.ts, same
 * keys; test/model/instance-types.test.ts asserts the two key sets are equal), so every type the
 * model accepts can be priced. To support another type, add it here and to the price table.
 */

/** Size and architecture of one instance type. */
export interface InstanceTypeSize {
  vCpus: number;
  memoryGiB: number;
  architecture: 'x86_64' | 'arm64';
}

/** Source of every row below. */
export const INSTANCE_TYPES_SOURCE = 'https://aws.amazon.com/ec2/instance-types/';

const arm = (vCpus: number, memoryGiB: number): InstanceTypeSize => ({
  vCpus,
  memoryGiB,
  architecture: 'arm64',
});
const x86 = (vCpus: number, memoryGiB: number): InstanceTypeSize => ({
  vCpus,
  memoryGiB,
  architecture: 'x86_64',
});

/** Instance type name -> size. Read-only. */
export const instanceTypes: Readonly<Record<string, InstanceTypeSize>> = {
  'm7g.large': arm(2, 8),
  'm7g.xlarge': arm(4, 16),
  'm7g.2xlarge': arm(8, 32),
  'c7g.large': arm(2, 4),
  'c7g.xlarge': arm(4, 8),
  'c7g.2xlarge': arm(8, 16),
  'r7g.xlarge': arm(4, 32),
  'm8g.large': arm(2, 8),
  'm8g.xlarge': arm(4, 16),
  'c8g.large': arm(2, 4),
  'c8g.xlarge': arm(4, 8),
  'r8g.xlarge': arm(4, 32),
  'c7i.large': x86(2, 4),
  'c7i.xlarge': x86(4, 8),
  'm7i.large': x86(2, 8),
  'm7i.xlarge': x86(4, 16),
  'm7a.large': x86(2, 8),
  'm7a.xlarge': x86(4, 16),
  'c7a.xlarge': x86(4, 8),
  'm5.large': x86(2, 8),
};

/**
 * The model's instance type when none is given: a general-purpose 4 vCPU / 16 GiB type of the
 * architecture (assumed; AWS picks types itself unless `AllowedInstanceTypes` is set).
 */
export const DEFAULT_INSTANCE_TYPE: Readonly<Record<InstanceTypeSize['architecture'], string>> = {
  x86_64: 'm7i.xlarge',
  arm64: 'm7g.xlarge',
};
