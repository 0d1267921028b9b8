/**
 * invokeOutcome: what one Lambda Invoke reply was, read from its ReplyView (the generator's slot
 * or simulate's virtual reply), per https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html:
 * - `throttle`: 429 TooManyRequestsException; `reason` is the JSON body's `Reason` (e.g.
 *   ConcurrentInvocationLimitExceeded), else its `message` ("Rate exceeded"), else the
 *   `x-amzn-ErrorType` header;
 * - `function-error`: a reply with `X-Amz-Function-Error` (`kind` Handled or Unhandled) and the
 *   payload's `errorType` (`unknown` when it has none);
 * - `ok`: any other 2xx; `other`: anything else (4xx/5xx API errors, transport errors), counted by
 *   status or code as any HTTP request.
 * Pure; reads the headers always and the body only for throttles and function errors.
 */
import { ERROR_TYPE_HEADER, FUNCTION_ERROR_HEADER } from './invoke-request.js';
import { firstHeader, type ReplyView } from './reply-view.js';

export type InvokeOutcome =
  | { kind: 'ok' }
  | { kind: 'other' }
  | { kind: 'throttle'; reason: string }
  | { kind: 'function-error'; errorKind: string; errorType: string };

const OK: InvokeOutcome = { kind: 'ok' };
const OTHER: InvokeOutcome = { kind: 'other' };

export function invokeOutcome(reply: ReplyView): InvokeOutcome {
  if (reply.errorCode !== null) return OTHER;
  const status = reply.status;
  if (status === 429) return { kind: 'throttle', reason: throttleReason(reply) };
  if (status < 200 || status >= 300) return OTHER;
  const errorKind = firstHeader(reply, FUNCTION_ERROR_HEADER);
  if (errorKind === undefined) return OK;
  const body = reply.json() as { errorType?: unknown } | undefined;
  const errorType = typeof body?.errorType === 'string' ? body.errorType : 'unknown';
  return { kind: 'function-error', errorKind, errorType };
}

function throttleReason(reply: ReplyView): string {
  const body = reply.json() as { Reason?: unknown; message?: unknown } | undefined;
  if (typeof body?.Reason === 'string') return body.Reason;
  if (typeof body?.message === 'string') return body.message;
  return firstHeader(reply, ERROR_TYPE_HEADER) ?? 'unknown';
}
