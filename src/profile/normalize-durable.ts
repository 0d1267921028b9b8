/**
 * normalizeDurable: a written `durable:` block -> the Invoke request that starts the execution
 * (POST /2015-03-31/functions/{function}/invocations, `X-Amz-Invocation-Type: Event` so the reply
 * comes at once with `X-Amz-Durable-Execution-Arn`, the name template as
 * `X-Amz-Durable-Execution-Name`, the qualifier as `?Qualifier=`) and the DurableSpec that says
 * how to follow it. Paths and headers as @aws-sdk/client-lambda 3.1164 serializes InvokeCommand.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import type { WrittenDurable } from './durable-schema.js';
import { durationToMs } from './duration.js';
import { compileTemplate } from './template.js';
import type { DurableSpec, RequestSpec } from './types.js';

export function normalizeDurable(written: WrittenDurable): {
  request: Pick<RequestSpec, 'method' | 'path' | 'headers'>;
  spec: DurableSpec;
} {
  const [fn, qualifier] = written.function.split(':');
  const query = qualifier ? `?Qualifier=${encodeURIComponent(qualifier)}` : '';
  const spec: DurableSpec = {
    function: fn,
    poll:
      written.poll === 'cloudwatch'
        ? { mode: 'cloudwatch' }
        : {
            mode: 'status',
            everyMs: durationToMs(written.poll.every) ?? 2000,
            timeoutMs: durationToMs(written.poll.timeout) ?? 900_000,
          },
  };
  if (qualifier) spec.qualifier = qualifier;
  return {
    request: {
      method: 'POST',
      path: compileTemplate(`/2015-03-31/functions/${encodeURIComponent(fn)}/invocations${query}`),
      headers: {
        'x-amz-invocation-type': compileTemplate('Event'),
        'x-amz-durable-execution-name': compileTemplate(written.name),
      },
    },
    spec,
  };
}
