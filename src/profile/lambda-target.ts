/**
 * parseLambdaTarget: a target written `lambda:FUNCTION[:QUALIFIER]` (profile `target:` or
 * `--target`): every request is a Lambda Invoke of that function unless its `invoke:` names
 * another. Function names only (an ARN holds colons and is not accepted). Pure.
 */
import { FUNCTION_NAME, QUALIFIER } from './invoke-schema.js';

/** The function (and optional qualifier) of a `lambda:` target. */
export interface LambdaTarget {
  function: string;
  qualifier?: string;
}

/** The prefix of a lambda target. */
export const LAMBDA_PREFIX = 'lambda:';

/** isLambdaTarget tells a `lambda:` target from a URL. */
export function isLambdaTarget(text: string | undefined): boolean {
  return text !== undefined && text.startsWith(LAMBDA_PREFIX);
}

/** parseLambdaTarget returns the target, or an error message saying what is wrong. */
export function parseLambdaTarget(text: string): LambdaTarget | { error: string } {
  const rest = text.slice(LAMBDA_PREFIX.length);
  const [fn, qualifier, extra] = rest.split(':');
  if (fn === undefined || !FUNCTION_NAME.test(fn))
    return {
      error: `"${text}": write lambda:FUNCTION or lambda:FUNCTION:QUALIFIER (a function name, not an ARN)`,
    };
  if (extra !== undefined || (qualifier !== undefined && !QUALIFIER.test(qualifier)))
    return { error: `"${text}": the qualifier must be $LATEST, a version or an alias name` };
  return qualifier === undefined ? { function: fn } : { function: fn, qualifier };
}
