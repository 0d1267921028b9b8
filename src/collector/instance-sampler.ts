/**
 * InstanceSampler: counts a capacity provider's EC2 instances live during the run (there is no
 * instance-count metric; reference/aws-facts.md §1.6-1.7). Instances are found by the
 * `aws:lambda:capacity-provider` tag with IncludeManagedResources (managed instances are hidden
 * otherwise); the tag value is checked client-side against the provider's ARN or name. Mutable;
 * owned by one collector; calls must not overlap (the collector's poll loop guarantees it).
 */
import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  type EC2Client,
  type Instance,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import type { PlatformSeries } from '../record/run-record.js';
import type { ApiPacer } from './api-pacer.js';
import { describeAwsError, type AwsFailure } from './aws-error.js';
import type { DiscoveredCapacityProvider } from './aws-topology.js';
import { instanceSeries, type InstanceSample } from './instance-series.js';

/** The tag Lambda puts on every LMI instance; its value is the capacity-provider ARN. */
export const CAPACITY_PROVIDER_TAG = 'aws:lambda:capacity-provider';
const ACTIVE_STATES = new Set(['pending', 'running']);
const MAX_PAGES = 20;

export interface InstanceSamplerDeps {
  ec2: EC2Client;
  pacer: ApiPacer;
  warn(failure: AwsFailure): void;
}

export class InstanceSampler {
  private readonly samples: InstanceSample[] = [];
  private readonly types = new Map<string, { vcpus?: number; memoryMiB?: number }>();
  private failed = false;

  constructor(
    private readonly provider: DiscoveredCapacityProvider,
    private readonly deps: InstanceSamplerDeps,
  ) {}

  /** Takes one sample at `nowMs`; on failure warns once and keeps earlier samples. */
  async sample(nowMs: number): Promise<void> {
    if (this.failed) return;
    try {
      const instances = await this.describe();
      this.samples.push({
        tMs: nowMs,
        active: instances
          .filter((i) => ACTIVE_STATES.has(i.State?.Name ?? ''))
          .map((i) => ({
            id: i.InstanceId ?? '',
            type: i.InstanceType ?? 'unknown',
            launchMs: i.LaunchTime?.getTime(),
          })),
      });
      await this.describeNewTypes();
    } catch (error) {
      const failure = describeAwsError(error, 'ec2:DescribeInstances');
      if (failure.kind !== 'throttled' && failure.kind !== 'network') this.failed = true;
      this.deps.warn(failure);
    }
  }

  /** `lmi.instances` and `lmi.instance_seconds` per instance type; `runStartMs` bounds the seconds. */
  series(runStartMs: number, periodSec: number): PlatformSeries[] {
    return instanceSeries(this.samples, {
      provider: this.provider.name,
      runStartMs,
      periodSec,
      types: this.types,
    });
  }

  private matches(instance: Instance): boolean {
    const tag = instance.Tags?.find((t) => t.Key === CAPACITY_PROVIDER_TAG)?.Value ?? '';
    if (this.provider.arn && tag === this.provider.arn) return true;
    return tag === this.provider.name || tag.endsWith(`:capacity-provider:${this.provider.name}`);
  }

  private async describe(): Promise<Instance[]> {
    const found: Instance[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.deps.pacer.run(() =>
        this.deps.ec2.send(
          new DescribeInstancesCommand({
            Filters: [{ Name: 'tag-key', Values: [CAPACITY_PROVIDER_TAG] }],
            IncludeManagedResources: true,
            MaxResults: 1000,
            NextToken: nextToken,
          }),
        ),
      );
      for (const r of out.Reservations ?? [])
        for (const i of r.Instances ?? []) if (this.matches(i)) found.push(i);
      nextToken = out.NextToken;
      if (!nextToken) break;
    }
    return found;
  }

  private async describeNewTypes(): Promise<void> {
    const fresh = new Set<string>();
    for (const s of this.samples)
      for (const i of s.active) if (!this.types.has(i.type)) fresh.add(i.type);
    if (fresh.size === 0) return;
    for (const t of fresh) this.types.set(t, {});
    try {
      const out = await this.deps.pacer.run(() =>
        this.deps.ec2.send(
          new DescribeInstanceTypesCommand({ InstanceTypes: [...fresh] as _InstanceType[] }),
        ),
      );
      for (const t of out.InstanceTypes ?? [])
        if (t.InstanceType)
          this.types.set(t.InstanceType, {
            vcpus: t.VCpuInfo?.DefaultVCpus,
            memoryMiB: t.MemoryInfo?.SizeInMiB,
          });
    } catch (error) {
      this.deps.warn(describeAwsError(error, 'ec2:DescribeInstanceTypes'));
    }
  }
}
