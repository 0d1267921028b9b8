/**
 * setSimulationHeapFlags: the V8 settings a simulation runs with. Process-wide and permanent (V8
 * flags are): only for a process that simulates and exits, such as the CLI. Both are read by V8
 * as it goes, so setting them after start-up takes effect at once. Measured: bench/README.md
 * ("Simulator").
 *
 * - `--heap-growing-percent`: collect the old generation after it grows by this much since the
 *   last full collection, instead of letting it grow up to 4x when the program allocates fast
 *   (V8's default for a busy mutator). A simulation allocates quickly and keeps a bounded live set
 *   (the notes API's store, the per-second series), so without it most of its peak RSS is garbage
 *   waiting for a collection that the heap limit keeps putting off; with it the peak follows the
 *   live set, for some more GC CPU.
 * - `--no-incremental-marking-task`: the simulation gives the event loop a turn every few
 *   thousand arrivals (so Ctrl-C is seen); with the flag on, V8 starts a full collection from a
 *   task at such turns before the heap needs one: 10 instead of 6 full collections in the
 *   90-minute steady state, and 6-8% more CPU. Without the task, marking starts as allocation
 *   reaches the limit, as it did when the simulation never yielded.
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth allowed between full collections in a simulation. */
export const SIMULATE_HEAP_GROWTH_PERCENT = 25;

export function setSimulationHeapFlags(percent = SIMULATE_HEAP_GROWTH_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  setFlagsFromString('--no-incremental-marking-task');
}
