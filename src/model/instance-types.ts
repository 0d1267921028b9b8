/**
 * instanceTypes: vCPUs and memory of the EC2 instance types a capacity provider may use in the
 * model. Values are EC2's published sizes (https://aws.amazon.com/ec2/instance-types/); LMI runs
 * on Graviton and x86 families alike (aws-facts.md §1.2, `Architectures`).
 */

/** Size of one instance type. */
export interface InstanceTypeSize {
  vCpus: number;
  memoryGiB: number;
}

/** Source of every row below. */
export const INSTANCE_TYPES_SOURCE = 'https://aws.amazon.com/ec2/instance-types/';

/** Instance type name -> size. Read-only; add rows here to support more types. */
export const instanceTypes: Readonly<Record<string, InstanceTypeSize>> = {
  'm7g.large': { vCpus: 2, memoryGiB: 8 },
  'm7g.xlarge': { vCpus: 4, memoryGiB: 16 },
  'm7g.2xlarge': { vCpus: 8, memoryGiB: 32 },
  'm7g.4xlarge': { vCpus: 16, memoryGiB: 64 },
  'm7g.8xlarge': { vCpus: 32, memoryGiB: 128 },
  'm7g.16xlarge': { vCpus: 64, memoryGiB: 256 },
  'c7g.large': { vCpus: 2, memoryGiB: 4 },
  'c7g.xlarge': { vCpus: 4, memoryGiB: 8 },
  'c7g.2xlarge': { vCpus: 8, memoryGiB: 16 },
  'c7g.4xlarge': { vCpus: 16, memoryGiB: 32 },
  'r7g.large': { vCpus: 2, memoryGiB: 16 },
  'r7g.xlarge': { vCpus: 4, memoryGiB: 32 },
  'r7g.2xlarge': { vCpus: 8, memoryGiB: 64 },
  'm7i.large': { vCpus: 2, memoryGiB: 8 },
  'm7i.xlarge': { vCpus: 4, memoryGiB: 16 },
  'm7i.2xlarge': { vCpus: 8, memoryGiB: 32 },
  'm7i.4xlarge': { vCpus: 16, memoryGiB: 64 },
  'c7i.xlarge': { vCpus: 4, memoryGiB: 8 },
  'c7i.2xlarge': { vCpus: 8, memoryGiB: 16 },
  'r7i.xlarge': { vCpus: 4, memoryGiB: 32 },
  'm6g.xlarge': { vCpus: 4, memoryGiB: 16 },
  'c6g.xlarge': { vCpus: 4, memoryGiB: 8 },
};
