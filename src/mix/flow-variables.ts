/**
 * FlowVariables: the captured variables of one flow instance. A step's captures are visible to
 * the later steps of the same instance only (never to other instances, never to `requests:`).
 * One value a name (the latest capture wins). Not thread-safe: one per instance.
 */
import type { CaptureSource } from './capture-source.js';

export class FlowVariables implements CaptureSource {
  private readonly values = new Map<string, string>();

  /** set stores a captured value, replacing an earlier one of the same name. */
  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  has(names: readonly string[]): boolean {
    for (const name of names) if (!this.values.has(name)) return false;
    return true;
  }

  pick(name: string): string | undefined {
    return this.values.get(name);
  }

  /** take is pick: a DELETE step reads its instance's id; no other instance could use it. */
  take(name: string): string | undefined {
    return this.values.get(name);
  }
}
