/**
 * createApiPacer: spaces calls to one AWS API family so the collector stays far below the
 * account-wide quotas (capacity-provider reads: 15/s for the whole account, cannot be raised;
 * GetMetricData: 50/s; see reference/aws-facts.md §1.2 and §4). Calls run one at a time, in order.
 */

/** Runs `call`s one after another, at least `minIntervalMs` apart (start to start). */
export interface ApiPacer {
  run<T>(call: () => Promise<T>): Promise<T>;
}

/** `minIntervalMs` 1000 means at most 1 call/s. Uses real timers; safe for concurrent callers. */
export function createApiPacer(minIntervalMs: number): ApiPacer {
  let tail: Promise<unknown> = Promise.resolve();
  let lastStartMs = -Infinity;

  return {
    run<T>(call: () => Promise<T>): Promise<T> {
      const next = tail.then(async () => {
        const waitMs = lastStartMs + minIntervalMs - Date.now();
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        lastStartMs = Date.now();
        return call();
      });
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

/** Default spacing: capacity-provider reads at most 1/s (15× under quota). */
export const CAPACITY_PROVIDER_MIN_INTERVAL_MS = 1000;
/** Default spacing: GetMetricData/ListMetrics at most 5/s (10× under quota). */
export const CLOUDWATCH_MIN_INTERVAL_MS = 200;
/** Default spacing: EC2 Describe* at most 2/s. */
export const EC2_MIN_INTERVAL_MS = 500;
