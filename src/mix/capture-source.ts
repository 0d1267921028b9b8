/**
 * CaptureSource: where a template's `{{var}}` reads captured values from when a request is built:
 * the worker's shared CapturePool for `requests:`, a flow instance's own FlowVariables for steps.
 */
export interface CaptureSource {
  /** has tells whether every one of `names` has a value. */
  has(names: readonly string[]): boolean;
  /** pick returns a value of `name` (undefined when none). */
  pick(name: string): string | undefined;
  /** take returns a value of `name` for a request that consumes it (a DELETE). */
  take(name: string): string | undefined;
}
