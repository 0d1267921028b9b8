/**
 * throttleBody: the body of the notes API's 429 replies (TooManyRequestsException). The
 * tenant-environment quota answers "Rate exceeded", as Lambda does
 * (https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation-troubleshooting.html).
 */
import type { ThrottleReason } from '../model/platform-model.js';

export function throttleBody(reason: ThrottleReason): { message: string; reason: ThrottleReason } {
  return { message: reason === 'tenant-environments' ? 'Rate exceeded' : 'Rate Exceeded.', reason };
}
