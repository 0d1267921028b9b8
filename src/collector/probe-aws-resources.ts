/**
 * probeAwsResources: before the first request of a `--collect aws` run, are the endpoint up and
 * the named functions there? One GetFunctionConfiguration a named function (or, when only a
 * capacity provider or API is named, one CloudWatch ListMetrics to reach the endpoint), each a
 * single attempt with a timeout. Returns the problems found, each naming the permission or
 * function; empty when all is well. Never throws.
 */
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { AwsSpec } from '../profile/types.js';
import type { AwsClients } from './aws-clients.js';
import { describeAwsError } from './aws-error.js';
import { parseFunctionRef } from './aws-topology.js';

/** How long one probe call may take before the endpoint counts as unreachable. */
const PROBE_TIMEOUT_MS = 5_000;

export async function probeAwsResources(spec: AwsSpec, clients: AwsClients): Promise<string[]> {
  const refs = [...new Set(Object.values(spec.functions))];
  const signal = () => AbortSignal.timeout(PROBE_TIMEOUT_MS);
  if (refs.length === 0) {
    try {
      await clients.cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/Lambda' }), {
        abortSignal: signal(),
      });
      return [];
    } catch (error) {
      return [describeAwsError(error, 'cloudwatch:ListMetrics').message];
    }
  }
  const problems = await Promise.all(
    refs.map(async (ref) => {
      const { functionName, qualifier } = parseFunctionRef(ref);
      try {
        await clients.lambda.send(
          new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: qualifier }),
          { abortSignal: signal() },
        );
        return null;
      } catch (error) {
        const failure = describeAwsError(error, 'lambda:GetFunctionConfiguration');
        return failure.kind === 'not-found'
          ? `Lambda function ${ref} does not exist (${failure.message})`
          : failure.message;
      }
    }),
  );
  return problems.filter((p): p is string => p !== null);
}
