/**
 * invokeSchema: a request's `invoke:` block, a Lambda Invoke instead of an HTTP request
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). The JSON payload is the
 * request's `json:` (or raw `body:`), templated as any body. `function` may be left out when the
 * target is `lambda:FUNCTION[:QUALIFIER]` (it is then the target's); the cross-field rules
 * (no method other than POST, no path or url) are in the request schema.
 */
import * as z from 'zod';

/** A function name as Invoke's path takes it (letters, digits, - and _; 64 at most). */
export const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** A version or alias (`Qualifier`): $LATEST, a version number or an alias name. */
export const QUALIFIER = /^(\$LATEST|[A-Za-z0-9_-]{1,128})$/;

/** Invocation types of Invoke's `X-Amz-Invocation-Type` that flashcrowd sends (not DryRun). */
export const INVOCATION_TYPES = ['RequestResponse', 'Event'] as const;

export const invokeSchema = z
  .strictObject({
    function: z
      .string()
      .regex(FUNCTION_NAME, { error: 'must be a function name (letters, digits, - or _)' })
      .optional()
      .describe('Function to invoke (default: the lambda: target’s).'),
    qualifier: z
      .string()
      .regex(QUALIFIER, { error: 'must be $LATEST, a version or an alias name' })
      .optional()
      .describe('Version or alias (Invoke ?Qualifier=); default: the target’s, else none.'),
    type: z
      .enum(INVOCATION_TYPES)
      .default('RequestResponse')
      .describe(
        'X-Amz-Invocation-Type: RequestResponse (wait for the result) or Event (async, 202).',
      ),
  })
  .describe(
    'A Lambda Invoke (POST /2015-03-31/functions/{function}/invocations, SigV4-signed) whose payload is json: or body:.',
  );

/** The `invoke:` block as written, defaults applied. */
export type WrittenInvoke = z.output<typeof invokeSchema>;
