/**
 * AwsTopology: what the aws source knows about the resources under test, found once at start by
 * discoverAwsTopology and used to build metric queries and instance filters. Plain data.
 */

/** One Lambda function named by the profile (`aws.functions`) or `--function`. */
export interface DiscoveredFunction {
  /** Function name without qualifier, the `FunctionName` CloudWatch dimension. */
  functionName: string;
  /** Version or alias when one was named; adds the `Resource` dimension `name:qualifier`. */
  qualifier?: string;
  /** Request names (from the profile's mix) served by this function. */
  requests: string[];
  memoryMb?: number;
  architecture?: string;
  /** A durable function (DurableConfig set, or started by a `durable:` request): durable metrics too. */
  durable?: boolean;
  /** Set when the function runs on Lambda Managed Instances. */
  capacityProviderArn?: string;
  perExecutionEnvironmentMaxConcurrency?: number;
  executionEnvironmentMemoryGiBPerVCpu?: number;
}

/** An LMI capacity provider. */
export interface DiscoveredCapacityProvider {
  name: string;
  /** Unknown when GetCapacityProvider was not allowed; instances are then matched by name. */
  arn?: string;
  maxVCpuCount?: number;
  scalingMode?: string;
  cpuTargetPercent?: number;
  /** Qualified function ARNs attached to the provider. */
  functionVersions: string[];
}

export interface AwsTopology {
  functions: DiscoveredFunction[];
  /** `AccountLimit.ConcurrentExecutions` from GetAccountSettings. */
  accountConcurrencyLimit?: number;
  unreservedConcurrencyLimit?: number;
  capacityProvider?: DiscoveredCapacityProvider;
}

/**
 * Splits `notes-get`, `notes-get:prod` or a function ARN into name and qualifier. Pure.
 */
export function parseFunctionRef(ref: string): { functionName: string; qualifier?: string } {
  if (ref.startsWith('arn:')) {
    const parts = ref.split(':');
    return { functionName: parts[6] ?? ref, qualifier: parts[7] || undefined };
  }
  const i = ref.indexOf(':');
  if (i < 0) return { functionName: ref };
  return { functionName: ref.slice(0, i), qualifier: ref.slice(i + 1) || undefined };
}

/** The capacity-provider name from its ARN (`...:capacity-provider:<name>`), or the input. Pure. */
export function capacityProviderName(arnOrName: string): string {
  const marker = ':capacity-provider:';
  const i = arnOrName.indexOf(marker);
  return i < 0 ? arnOrName : arnOrName.slice(i + marker.length);
}

/**
 * Groups the profile's request → function map by function reference, so each function is
 * queried once. Pure.
 */
export function functionsFromSpec(functions: Record<string, string>): DiscoveredFunction[] {
  const byRef = new Map<string, DiscoveredFunction>();
  for (const [request, ref] of Object.entries(functions)) {
    const existing = byRef.get(ref);
    if (existing) existing.requests.push(request);
    else byRef.set(ref, { ...parseFunctionRef(ref), requests: [request] });
  }
  return [...byRef.values()];
}
