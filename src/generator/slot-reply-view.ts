/**
 * SlotReplyView: the ReplyView of a finished RequestSlot, reused for every reply of a worker (no
 * allocation unless a check or capture reads headers or the body). Valid only during the
 * synchronous call it is passed to, before the slot is released. Not thread-safe.
 */
import type { ReplyView } from '../mix/reply-view.js';
import type { RequestSlot } from './request-slot.js';

const NO_VALUES: string[] = [];
const NOT_PARSED = Symbol('not parsed');

export class SlotReplyView implements ReplyView {
  status = 0;
  errorCode: string | null = null;
  latencyMs = 0;
  private slot: RequestSlot | null = null;
  private headers: Map<string, string[]> | null = null;
  private body: string | null = null;
  private parsed: unknown = NOT_PARSED;

  /** reset points the view at a finished slot (its status, error and latency). */
  reset(slot: RequestSlot, status: number, errorCode: string | null, latencyMs: number): this {
    this.slot = slot;
    this.status = status;
    this.errorCode = errorCode;
    this.latencyMs = latencyMs;
    this.headers = null;
    this.body = null;
    this.parsed = NOT_PARSED;
    return this;
  }

  headerValues(name: string): string[] {
    if (this.headers === null) this.headers = parseRawHeaders(this.slot?.rawHeaders ?? null);
    return this.headers.get(name) ?? NO_VALUES;
  }

  text(): string {
    if (this.body === null) {
      const chunks = this.slot?.chunks ?? [];
      this.body = chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8');
    }
    return this.body;
  }

  json(): unknown {
    if (this.parsed === NOT_PARSED) {
      try {
        this.parsed = JSON.parse(this.text());
      } catch {
        this.parsed = undefined; // not JSON: JSON checks fail, JSON captures find nothing
      }
    }
    return this.parsed;
  }
}

/** parseRawHeaders turns undici's [name, value, name, value, ...] into lower-case name -> values. */
export function parseRawHeaders(raw: Buffer[] | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (raw === null) return map;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    const value = raw[i + 1].toString('latin1');
    const values = map.get(name);
    if (values) values.push(value);
    else map.set(name, [value]);
  }
  return map;
}
