/**
 * InvokeTally: the Lambda Invoke outcomes of each request of the table (invokeOutcome), beside a
 * RequestRecorder or simulate's VirtualRecorder. A Map entry only for a new reason or error type.
 * Not thread-safe: one per thread; plain forms are summed by src/record/invoke-stats.ts.
 */
import type { InvokeOutcome } from '../mix/invoke-outcome.js';
import type { InvokeCounts } from '../record/measurements.js';

class Counts {
  succeeded = 0;
  throttled = 0;
  functionErrors = 0;
  readonly reasons = new Map<string, number>();
  readonly kinds = new Map<string, number>();
  readonly types = new Map<string, number>();
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class InvokeTally {
  private readonly counts: Counts[];

  constructor(requestCount: number) {
    this.counts = Array.from({ length: requestCount }, () => new Counts());
  }

  /** record counts one reply of request `requestIndex` (`other` outcomes are not counted here). */
  record(requestIndex: number, outcome: InvokeOutcome): void {
    const c = this.counts[requestIndex];
    if (outcome.kind === 'ok') c.succeeded++;
    else if (outcome.kind === 'throttle') {
      c.throttled++;
      bump(c.reasons, outcome.reason);
    } else if (outcome.kind === 'function-error') {
      c.functionErrors++;
      bump(c.kinds, outcome.errorKind);
      bump(c.types, outcome.errorType);
    }
  }

  /** toData returns the plain form, one entry a request. */
  toData(): InvokeCounts[] {
    return this.counts.map((c) => ({
      succeeded: c.succeeded,
      throttled: c.throttled,
      throttleReasons: Object.fromEntries(c.reasons),
      functionErrors: c.functionErrors,
      functionErrorKinds: Object.fromEntries(c.kinds),
      errorTypes: Object.fromEntries(c.types),
    }));
  }
}

/** The byError code a function error is counted under (it is an error, not ok). */
export function functionErrorCode(errorKind: string): string {
  return `FunctionError.${errorKind}`;
}
