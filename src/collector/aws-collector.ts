/**
 * createAwsCollector: the `aws` source. At start it discovers the functions, account limit and
 * capacity provider; while the run goes on, one poll loop samples EC2 instances and re-reads a
 * trailing CloudWatch window (data arrives minutes late); at stop it takes a last instance sample
 * and sweeps the whole run window. AWS failures become warnings; nothing already collected is lost.
 */
import type { AwsSpec } from '../profile/types.js';
import type { FunctionConfig, PlatformSeries } from '../record/run-record.js';
import {
  CAPACITY_PROVIDER_MIN_INTERVAL_MS,
  CLOUDWATCH_MIN_INTERVAL_MS,
  createApiPacer,
  EC2_MIN_INTERVAL_MS,
} from './api-pacer.js';
import type { AwsClients } from './aws-clients.js';
import type { AwsFailure } from './aws-error.js';
import type { AwsTopology } from './aws-topology.js';
import { buildMetricRequests } from './build-metric-requests.js';
import type { Collector, CollectorResult } from './collector.js';
import { discoverAwsTopology } from './discover-aws-topology.js';
import { fetchMetricData } from './fetch-metric-data.js';
import { InstanceSampler } from './instance-sampler.js';
import { listLmiDimensionSets } from './list-lmi-dimension-sets.js';
import type { MetricRequest } from './metric-request.js';
import { SeriesStore } from './series-store.js';

export interface AwsCollectorOptions {
  spec: AwsSpec;
  clients: AwsClients;
  /** Sample EC2 instances live (default true; `collect` turns it off: later samples mean nothing). */
  sampleInstances?: boolean;
  /** Between EC2 samples (default 15 s). */
  instanceIntervalMs?: number;
  /** Between trailing-window CloudWatch reads during the run (default 60 s). */
  cloudwatchIntervalMs?: number;
  /** How far back each trailing read goes (default 15 min; AWS may publish that late). */
  trailingWindowMs?: number;
  /** Destroy the clients at stop (default true). */
  ownsClients?: boolean;
  /** Spacing of API calls (defaults in api-pacer.ts); tests shorten them. */
  minIntervalMs?: { cloudwatch?: number; capacityProvider?: number; ec2?: number };
}

/** The aws collector, plus `topology()` and `failures()` for callers that want details. */
export type AwsCollector = Collector & {
  topology(): AwsTopology | undefined;
  failures(): AwsFailure[];
};

/** Builds the collector; no AWS call is made before `start`. */
export function createAwsCollector(options: AwsCollectorOptions): AwsCollector {
  const { clients, spec } = options;
  const failures: AwsFailure[] = [];
  const warn = (f: AwsFailure) => {
    if (!failures.some((x) => x.message === f.message)) failures.push(f);
  };
  const pacers = {
    cloudwatch: createApiPacer(options.minIntervalMs?.cloudwatch ?? CLOUDWATCH_MIN_INTERVAL_MS),
    capacityProvider: createApiPacer(
      options.minIntervalMs?.capacityProvider ?? CAPACITY_PROVIDER_MIN_INTERVAL_MS,
    ),
    ec2: createApiPacer(options.minIntervalMs?.ec2 ?? EC2_MIN_INTERVAL_MS),
  };
  const instanceIntervalMs = options.instanceIntervalMs ?? 15_000;
  const cloudwatchIntervalMs = options.cloudwatchIntervalMs ?? 60_000;
  const trailingWindowMs = options.trailingWindowMs ?? 15 * 60_000;
  const store = new SeriesStore();
  const cwDeps = { cloudwatch: clients.cloudwatch, pacer: pacers.cloudwatch, warn };
  let topology: AwsTopology | undefined;
  let requests: MetricRequest[] = [];
  let sampler: InstanceSampler | undefined;
  let startedAtMs = 0;
  let lastInstanceMs = -Infinity;
  let lastCloudwatchMs = -Infinity;
  let polling: Promise<void> | undefined;

  async function poll(nowMs: number): Promise<void> {
    if (sampler && nowMs - lastInstanceMs >= instanceIntervalMs) {
      lastInstanceMs = nowMs;
      await sampler.sample(nowMs);
    }
    if (nowMs - lastCloudwatchMs >= cloudwatchIntervalMs) {
      lastCloudwatchMs = nowMs;
      const window = { startMs: Math.max(startedAtMs, nowMs - trailingWindowMs), endMs: nowMs };
      store.add(await fetchMetricData(requests, window, cwDeps));
    }
  }

  return {
    source: 'aws',
    topology: () => topology,
    failures: () => [...failures],
    async start(run) {
      startedAtMs = run.startedAtMs;
      topology = await discoverAwsTopology(spec, {
        lambda: clients.lambda,
        capacityProviderPacer: pacers.capacityProvider,
        warn,
      });
      const provider = topology.capacityProvider;
      const lmiSets = provider ? await listLmiDimensionSets(provider.name, cwDeps) : {};
      requests = buildMetricRequests(topology, spec.apiGateway, lmiSets);
      if (provider && options.sampleInstances !== false)
        sampler = new InstanceSampler(provider, { ec2: clients.ec2, pacer: pacers.ec2, warn });
      lastCloudwatchMs = run.startedAtMs; // nothing to read yet
      if (sampler) {
        lastInstanceMs = run.startedAtMs;
        await sampler.sample(run.startedAtMs);
      }
    },
    async sample(nowMs) {
      if (polling || !topology) return; // one poll loop: never two polls at once
      polling = poll(nowMs).finally(() => {
        polling = undefined;
      });
      await polling;
    },
    async stop(run): Promise<CollectorResult> {
      if (polling) await polling;
      try {
        if (!topology) return { series: [], warnings: ['aws: the collector was never started'] };
        if (sampler && run.endedAtMs > lastInstanceMs) await sampler.sample(run.endedAtMs);
        store.add(
          await fetchMetricData(requests, { startMs: startedAtMs, endMs: run.endedAtMs }, cwDeps),
        );
        const series: PlatformSeries[] = [
          ...store.snapshot(),
          ...(sampler?.series(startedAtMs, instanceIntervalMs / 1000) ?? []),
        ];
        const warnings = [
          ...failures.map((f) => `aws: ${f.message}`),
          ...noDataWarnings(topology, series),
        ];
        return {
          series,
          warnings,
          failures: [...failures],
          functions: functionConfigs(topology),
        };
      } finally {
        if (options.ownsClients !== false) clients.destroy();
      }
    },
  };
}

/** The discovered memory and architecture of each function, in the record's shape. */
export function functionConfigs(topology: AwsTopology): FunctionConfig[] {
  return topology.functions.map((fn) => ({
    name: fn.functionName,
    ...(fn.memoryMb !== undefined ? { memoryMb: fn.memoryMb } : {}),
    ...(fn.architecture === 'x86_64' || fn.architecture === 'arm64'
      ? { architecture: fn.architecture }
      : {}),
    ...(fn.capacityProviderArn ? { capacityProviderArn: fn.capacityProviderArn } : {}),
  }));
}

function noDataWarnings(topology: AwsTopology, series: PlatformSeries[]): string[] {
  const out: string[] = [];
  for (const fn of topology.functions) {
    if (series.some((s) => s.labels.function === fn.functionName)) continue;
    out.push(
      `aws: no CloudWatch datapoints for ${fn.functionName} yet (Lambda publishes them minutes late; run \`flashcrowd collect <run-dir>\` later)`,
    );
  }
  return out;
}
