/**
 * limitHeapGrowth: makes V8 collect the old generation after it grows by `percent` since the last
 * full collection, instead of letting it grow up to 4x when the program allocates fast (V8's
 * default for a busy mutator). A simulation allocates quickly and keeps a bounded live set (the
 * notes API's store, the per-second series), so without it most of its peak RSS is garbage
 * waiting for a collection that the heap limit keeps putting off; with it the peak follows the
 * live set, for some more GC CPU. Process-wide and permanent (V8 flags are): only for a process
 * that simulates and exits, such as the CLI. V8 reads `--heap-growing-percent` at each full
 * collection, so setting it after start-up takes effect at the next one.
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth allowed between full collections in a simulation (measured: see bench/README.md). */
export const SIMULATE_HEAP_GROWTH_PERCENT = 25;

export function limitHeapGrowth(percent = SIMULATE_HEAP_GROWTH_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
