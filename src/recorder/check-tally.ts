/**
 * CheckTally: passed/failed counts of every response check, per request of the request table.
 * Cheap on the hot path (one typed-array slot per check, allocated on first use). Plain form:
 * per request, `[passed0, failed0, passed1, failed1, ...]`. Not thread-safe: one per thread.
 */
export class CheckTally {
  private readonly byRequest: Array<Uint32Array | undefined> = [];

  /** count adds one outcome of check `checkIndex` of request `requestIndex`. */
  count(requestIndex: number, checkIndex: number, passed: boolean): void {
    let counts = this.byRequest[requestIndex];
    if (counts === undefined || counts.length <= checkIndex * 2 + 1) {
      const grown = new Uint32Array(Math.max(8, (checkIndex + 1) * 2));
      if (counts) grown.set(counts);
      counts = grown;
      this.byRequest[requestIndex] = counts;
    }
    counts[checkIndex * 2 + (passed ? 0 : 1)]++;
  }

  /** toData: per request index, the flat passed/failed pairs ([] for a request without checks). */
  toData(requestCount: number): number[][] {
    return Array.from({ length: requestCount }, (_, i) => Array.from(this.byRequest[i] ?? []));
  }
}
