/**
 * discoverAwsTopology: the aws source's one-time discovery at start. Reads each function's
 * configuration, the account concurrency limit and, for LMI, the capacity provider and its
 * function versions. Every call may fail alone (permission, unsupported endpoint): the failure
 * becomes one warning and discovery goes on with what it has.
 */
import {
  GetAccountSettingsCommand,
  GetCapacityProviderCommand,
  GetFunctionConfigurationCommand,
  ListFunctionVersionsByCapacityProviderCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { AwsSpec } from '../profile/types.js';
import type { ApiPacer } from './api-pacer.js';
import { describeAwsError, type AwsFailure } from './aws-error.js';
import {
  capacityProviderName,
  functionsFromSpec,
  type AwsTopology,
  type DiscoveredCapacityProvider,
  type DiscoveredFunction,
} from './aws-topology.js';

/** What discovery needs: the Lambda client, a pacer for capacity-provider reads, a sink for warnings. */
export interface DiscoveryDeps {
  lambda: LambdaClient;
  capacityProviderPacer: ApiPacer;
  warn(failure: AwsFailure): void;
}

/** Discovers the topology named by `spec`; never throws for AWS failures. */
export async function discoverAwsTopology(
  spec: AwsSpec,
  deps: DiscoveryDeps,
): Promise<AwsTopology> {
  const functions = functionsFromSpec(spec.functions);
  for (const fn of functions) {
    if (spec.durableFunctions?.includes(fn.functionName)) fn.durable = true;
    await describeFunction(fn, deps);
  }
  const topology: AwsTopology = { functions };
  try {
    const settings = await deps.lambda.send(new GetAccountSettingsCommand({}));
    topology.accountConcurrencyLimit = settings.AccountLimit?.ConcurrentExecutions;
    topology.unreservedConcurrencyLimit = settings.AccountLimit?.UnreservedConcurrentExecutions;
  } catch (error) {
    deps.warn(describeAwsError(error, 'lambda:GetAccountSettings'));
  }
  const providerRef =
    spec.capacityProvider ?? functions.find((f) => f.capacityProviderArn)?.capacityProviderArn;
  if (providerRef) topology.capacityProvider = await describeCapacityProvider(providerRef, deps);
  return topology;
}

async function describeFunction(fn: DiscoveredFunction, deps: DiscoveryDeps): Promise<void> {
  try {
    const config = await deps.lambda.send(
      new GetFunctionConfigurationCommand({
        FunctionName: fn.functionName,
        Qualifier: fn.qualifier,
      }),
    );
    fn.memoryMb = config.MemorySize;
    fn.architecture = config.Architectures?.[0];
    if (config.DurableConfig) fn.durable = true;
    const lmi = config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
    if (lmi) {
      fn.capacityProviderArn = lmi.CapacityProviderArn;
      fn.perExecutionEnvironmentMaxConcurrency = lmi.PerExecutionEnvironmentMaxConcurrency;
      fn.executionEnvironmentMemoryGiBPerVCpu = lmi.ExecutionEnvironmentMemoryGiBPerVCpu;
    }
  } catch (error) {
    deps.warn(describeAwsError(error, 'lambda:GetFunctionConfiguration'));
  }
}

async function describeCapacityProvider(
  ref: string,
  deps: DiscoveryDeps,
): Promise<DiscoveredCapacityProvider> {
  const name = capacityProviderName(ref);
  const provider: DiscoveredCapacityProvider = {
    name,
    arn: ref.startsWith('arn:') ? ref : undefined,
    functionVersions: [],
  };
  try {
    const got = await deps.capacityProviderPacer.run(() =>
      deps.lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: name })),
    );
    const cp = got.CapacityProvider;
    provider.arn = cp?.CapacityProviderArn ?? provider.arn;
    const scaling = cp?.CapacityProviderScalingConfig;
    provider.maxVCpuCount = scaling?.MaxVCpuCount;
    provider.scalingMode = scaling?.ScalingMode;
    provider.cpuTargetPercent = scaling?.ScalingPolicies?.[0]?.TargetValue;
  } catch (error) {
    deps.warn(describeAwsError(error, 'lambda:GetCapacityProvider'));
  }
  try {
    provider.functionVersions = await listFunctionVersions(name, deps);
  } catch (error) {
    deps.warn(describeAwsError(error, 'lambda:ListFunctionVersionsByCapacityProvider'));
  }
  return provider;
}

/** Follows NextMarker; at most 20 pages (100 versions per provider is the documented quota). */
async function listFunctionVersions(name: string, deps: DiscoveryDeps): Promise<string[]> {
  const versions: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 20; page++) {
    const got = await deps.capacityProviderPacer.run(() =>
      deps.lambda.send(
        new ListFunctionVersionsByCapacityProviderCommand({
          CapacityProviderName: name,
          Marker: marker,
        }),
      ),
    );
    for (const v of got.FunctionVersions ?? []) if (v.FunctionArn) versions.push(v.FunctionArn);
    marker = got.NextMarker;
    if (!marker) break;
  }
  return versions;
}
