/**
 * RequestQueueFifo: the requests of a pool waiting for a socket, first in first out. `remove`
 * (an abort while queued) is O(1): the entry is marked and skipped later. `size` counts the
 * requests still waiting. No allocation per request beyond the array's growth.
 * Not thread-safe.
 */
import type { LeanRequest } from './lean-request.js';

export class RequestQueueFifo {
  private items: Array<LeanRequest | null> = [];
  private head = 0;
  private live = 0;

  /** Requests waiting (removed ones not counted). */
  get size(): number {
    return this.live;
  }

  push(request: LeanRequest): void {
    request.queued = true;
    this.items.push(request);
    this.live++;
  }

  /** shift takes the oldest waiting request, or null. */
  shift(): LeanRequest | null {
    while (this.head < this.items.length) {
      const r = this.items[this.head];
      this.items[this.head++] = null;
      if (r !== null && r.queued) {
        r.queued = false;
        this.live--;
        this.compact();
        return r;
      }
    }
    this.compact();
    return null;
  }

  /** remove takes `request` out of the queue (it is skipped when its turn comes). */
  remove(request: LeanRequest): void {
    if (!request.queued) return;
    request.queued = false;
    this.live--;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
