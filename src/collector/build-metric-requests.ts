/**
 * buildMetricRequests: the full list of CloudWatch statistics for a topology, in the platform
 * series naming scheme. Function metrics use the `FunctionName` dimension (plus `Resource` for a
 * version or alias); account metrics have no dimension; LMI capacity-provider metrics use the
 * dimension sets that ListMetrics found (5-minute data); API Gateway uses ApiName (REST) or ApiId
 * (HTTP) with Stage. Pure. Source: reference/aws-facts.md §1.7, §3.3, §3.4.
 */
import type { AwsSpec } from '../profile/types.js';
import type { AwsTopology, DiscoveredFunction } from './aws-topology.js';
import type { Dimension, MetricRequest, SeriesTarget } from './metric-request.js';

/** Lambda publishes standard metrics every minute. */
export const LAMBDA_PERIOD_SEC = 60;
/** LMI capacity-provider and execution-environment metrics are published every 5 minutes. */
export const LMI_PERIOD_SEC = 300;

/** The percentiles asked of Duration and Latency (in separate GetMetricData calls). */
export const DURATION_PERCENTILES = ['p50', 'p90', 'p99'];

/**
 * Lambda Insights publishes `cpu_total_time` (user + system CPU ms, one value an invocation) in
 * this namespace with the `function_name` dimension when the function has the extension:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Lambda-Insights-metrics-lambda-functions.html
 */
export const LAMBDA_INSIGHTS_NAMESPACE = 'LambdaInsights';

type Row = [metric: string, stat: string, series: string, unit: string];

const functionRows: Row[] = [
  ['Invocations', 'Sum', 'lambda.invocations', 'Count'],
  ['Errors', 'Sum', 'lambda.errors', 'Count'],
  ['Throttles', 'Sum', 'lambda.throttles', 'Count'],
  ['ConcurrentExecutions', 'Maximum', 'lambda.concurrent_executions', 'Count'],
  ['Duration', 'Average', 'lambda.duration_ms', 'Milliseconds'],
  ['Duration', 'Maximum', 'lambda.duration_ms', 'Milliseconds'],
  ...DURATION_PERCENTILES.map((p): Row => ['Duration', p, 'lambda.duration_ms', 'Milliseconds']),
];

/**
 * Durable-execution metrics of a durable function (AWS/Lambda, FunctionName dimension):
 * https://docs.aws.amazon.com/lambda/latest/dg/durable-monitoring.html
 */
const durableRows: Row[] = [
  ['ApproximateRunningDurableExecutions', 'Maximum', 'lambda.durable_executions_running', 'Count'],
  ['DurableExecutionStarted', 'Sum', 'lambda.durable_executions_started', 'Count'],
  ['DurableExecutionSucceeded', 'Sum', 'lambda.durable_executions_succeeded', 'Count'],
  ['DurableExecutionFailed', 'Sum', 'lambda.durable_executions_failed', 'Count'],
  ['DurableExecutionTimedOut', 'Sum', 'lambda.durable_executions_timed_out', 'Count'],
  ['DurableExecutionStopped', 'Sum', 'lambda.durable_executions_stopped', 'Count'],
  ['DurableExecutionDuration', 'Average', 'lambda.durable_execution_duration_ms', 'Milliseconds'],
  ['DurableExecutionDuration', 'Maximum', 'lambda.durable_execution_duration_ms', 'Milliseconds'],
  ['DurableExecutionOperations', 'Sum', 'lambda.durable_operations', 'Count'],
  ['DurableExecutionStorageWrittenBytes', 'Sum', 'lambda.durable_storage_written_bytes', 'Bytes'],
];

const lmiThrottleReasons = [
  'ConcurrencyThrottles',
  'CPUThrottles',
  'MemoryThrottles',
  'DiskThrottles',
];

/** LMI capacity-provider metrics: CloudWatch name, series, unit, scale, how instance types combine. */
export const LMI_PROVIDER_METRICS: Array<[string, string, string, number, 'sum' | 'avg']> = [
  ['CPUUtilization', 'lmi.cpu_utilization', 'Fraction', 0.01, 'avg'],
  ['MemoryUtilization', 'lmi.memory_utilization', 'Fraction', 0.01, 'avg'],
  ['vCPUAvailable', 'lmi.vcpu_available', 'Count', 1, 'sum'],
  ['vCPUAllocated', 'lmi.vcpu_allocated', 'Count', 1, 'sum'],
];

/** Dimension sets found by ListMetrics for one capacity-provider metric name. */
export type LmiDimensionSets = Record<string, Dimension[][]>;

function request(
  namespace: string,
  [metric, stat, name, unit]: Row,
  dimensions: Dimension[],
  labels: Record<string, string>,
  periodSec = LAMBDA_PERIOD_SEC,
  extra: Partial<SeriesTarget> = {},
): MetricRequest {
  return {
    namespace,
    metricName: metric,
    dimensions,
    stat,
    periodSec,
    target: { name, labels, stat, unit, scale: 1, combine: 'sum', ...extra },
  };
}

function functionRequests(fn: DiscoveredFunction, isLmi: boolean): MetricRequest[] {
  const dims: Dimension[] = [{ Name: 'FunctionName', Value: fn.functionName }];
  const labels: Record<string, string> = { function: fn.functionName };
  if (fn.qualifier) {
    const resource = `${fn.functionName}:${fn.qualifier}`;
    dims.push({ Name: 'Resource', Value: resource });
    labels.resource = resource;
  }
  const out = functionRows.map((row) => request('AWS/Lambda', row, dims, labels));
  if (fn.durable)
    out.push(
      ...durableRows.map((row) =>
        request('AWS/Lambda', row, [{ Name: 'FunctionName', Value: fn.functionName }], {
          function: fn.functionName,
        }),
      ),
    );
  // CPU time, when the function has the Lambda Insights extension (absent otherwise: no data).
  out.push(
    request(
      LAMBDA_INSIGHTS_NAMESPACE,
      ['cpu_total_time', 'Sum', 'lambda.cpu_total_time_ms', 'Milliseconds'],
      [{ Name: 'function_name', Value: fn.functionName }],
      labels,
    ),
  );
  if (isLmi) {
    for (const reason of lmiThrottleReasons) {
      const row: Row = [reason, 'Sum', 'lmi.throttles', 'Count'];
      out.push(request('AWS/Lambda', row, dims, { ...labels, reason: reasonLabel(reason) }));
    }
  }
  return out;
}

function reasonLabel(metric: string): string {
  return metric.replace('Throttles', '').toLowerCase();
}

function lmiRequests(provider: string, sets: LmiDimensionSets): MetricRequest[] {
  const out: MetricRequest[] = [];
  const fallback: Dimension[][] = [[{ Name: 'CapacityProviderName', Value: provider }]];
  for (const [metric, name, unit, scale, combine] of LMI_PROVIDER_METRICS) {
    const found = (sets[metric] ?? []).filter((d) => !d.some((x) => x.Name === 'FunctionName'));
    const providerOnly = found.filter((d) => d.length === 1);
    const chosen = providerOnly.length ? providerOnly : found.length ? found : fallback;
    const stat = metric.endsWith('Utilization') ? 'Average' : 'Maximum';
    for (const dims of chosen)
      out.push(
        request(
          'AWS/Lambda',
          [metric, stat, name, unit],
          dims,
          { capacityProvider: provider },
          LMI_PERIOD_SEC,
          { scale, combine },
        ),
      );
  }
  for (const dims of sets.ExecutionEnvironmentConcurrency ?? []) {
    const labels: Record<string, string> = { capacityProvider: provider };
    for (const d of dims) if (d.Name === 'FunctionName') labels.function = d.Value;
    for (const d of dims) if (d.Name === 'Resource') labels.resource = d.Value;
    const row: Row = [
      'ExecutionEnvironmentConcurrency',
      'Maximum',
      'lmi.execution_environment_concurrency',
      'Count',
    ];
    out.push(request('AWS/Lambda', row, dims, labels, LMI_PERIOD_SEC));
  }
  return out;
}

function apiGatewayRequests(api: NonNullable<AwsSpec['apiGateway']>): MetricRequest[] {
  const out: MetricRequest[] = [];
  const add = (key: 'ApiName' | 'ApiId', value: string, names: [string, string, string]) => {
    const dims: Dimension[] = [{ Name: key, Value: value }];
    const labels: Record<string, string> = { api: value };
    if (api.stage) {
      dims.push({ Name: 'Stage', Value: api.stage });
      labels.stage = api.stage;
    }
    const [count, e4, e5] = names;
    const rows: Row[] = [
      [count, 'Sum', 'apigw.count', 'Count'],
      [e4, 'Sum', 'apigw.4xx', 'Count'],
      [e5, 'Sum', 'apigw.5xx', 'Count'],
      ['Latency', 'Average', 'apigw.latency_ms', 'Milliseconds'],
      ['Latency', 'Maximum', 'apigw.latency_ms', 'Milliseconds'],
      ['Latency', 'p99', 'apigw.latency_ms', 'Milliseconds'],
      ['IntegrationLatency', 'Average', 'apigw.integration_latency_ms', 'Milliseconds'],
    ];
    for (const row of rows) out.push(request('AWS/ApiGateway', row, dims, labels));
  };
  if (api.restApiName) add('ApiName', api.restApiName, ['Count', '4XXError', '5XXError']);
  if (api.httpApiId) add('ApiId', api.httpApiId, ['Count', '4xx', '5xx']);
  return out;
}

/** Every request for the topology; `lmiSets` comes from ListMetrics (empty when unknown). */
export function buildMetricRequests(
  topology: AwsTopology,
  apiGateway: AwsSpec['apiGateway'],
  lmiSets: LmiDimensionSets = {},
): MetricRequest[] {
  const provider = topology.capacityProvider?.name;
  const out: MetricRequest[] = [];
  for (const fn of topology.functions)
    out.push(...functionRequests(fn, Boolean(provider ?? fn.capacityProviderArn)));
  out.push(
    request(
      'AWS/Lambda',
      ['ClaimedAccountConcurrency', 'Maximum', 'lambda.claimed_account_concurrency', 'Count'],
      [],
      {},
    ),
  );
  if (provider) out.push(...lmiRequests(provider, lmiSets));
  if (apiGateway) out.push(...apiGatewayRequests(apiGateway));
  return out;
}
