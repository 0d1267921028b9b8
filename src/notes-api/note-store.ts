/**
 * NoteStore: the notes of the embedded API, in memory, bounded. Ids are sequential (`n1`, `n2`,
 * ...) so a virtual run is reproducible. Past `maxNotes` notes or `maxBytes` of text, the oldest
 * notes are evicted (a read of an evicted note is a 404, as after a delete). Not thread-safe.
 *
 * Layout (simulate's hot path): notes sit in an array indexed by sequence number, oldest first,
 * a hole where one was deleted; ids parse back to their index, so a lookup is no hash probe, and
 * eviction and listing walk from the oldest live note without rescanning the holes before it.
 * The array is compacted once its dead prefix is half of it, so it stays within about twice the
 * span from the oldest live note to the newest.
 */
import { isoTimestamp } from './iso-timestamp.js';

/** One stored note. `body` holds `iv.tag.ciphertext` (base64) while `encrypted`. */
export interface Note {
  id: string;
  title: string;
  body: string;
  encrypted: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Limits of a store. */
export interface NoteStoreLimits {
  /** Most notes kept (default 200,000). */
  maxNotes?: number;
  /** Most characters of title + body kept (default 128 Mi). */
  maxBytes?: number;
}

/** Smallest dead prefix worth compacting away (slots). */
const COMPACT_MIN = 4096;

/** In-memory note store with oldest-first eviction. */
export class NoteStore {
  /** slots[s - base] is the note with sequence number s, undefined once deleted or evicted. */
  private slots: Array<Note | undefined> = [];
  /** Sequence number of slots[0]. */
  private base = 1;
  /** No live note has a sequence number below this one. */
  private oldest = 1;
  private seq = 0;
  private count = 0;
  private bytes = 0;
  private readonly maxNotes: number;
  private readonly maxBytes: number;
  private readonly iso = isoTimestamp();

  constructor(limits: NoteStoreLimits = {}) {
    this.maxNotes = limits.maxNotes ?? 200_000;
    this.maxBytes = limits.maxBytes ?? 128 * 1024 * 1024;
  }

  get size(): number {
    return this.count;
  }

  /** create stores a new note stamped with `nowMs`, evicting the oldest if over the limits. */
  create(title: string, body: string, nowMs: number): Note {
    const at = this.iso(nowMs);
    const note: Note = {
      id: `n${++this.seq}`,
      title,
      body,
      encrypted: false,
      createdAt: at,
      updatedAt: at,
    };
    this.slots.push(note);
    this.count++;
    this.bytes += sizeOf(note);
    this.evict();
    return note;
  }

  get(id: string): Note | undefined {
    const s = seqOfId(id);
    return s >= this.oldest && s <= this.seq ? this.slots[s - this.base] : undefined;
  }

  /** update replaces the given fields of a note (mutates it); undefined when there is no such note. */
  update(
    id: string,
    fields: Partial<Pick<Note, 'title' | 'body' | 'encrypted'>>,
    nowMs: number,
  ): Note | undefined {
    const note = this.get(id);
    if (!note) return undefined;
    this.bytes -= sizeOf(note);
    Object.assign(note, fields, { updatedAt: this.iso(nowMs) });
    this.bytes += sizeOf(note);
    this.evict();
    return this.get(id);
  }

  /** delete removes a note; false when there was none. */
  delete(id: string): boolean {
    const note = this.get(id);
    if (!note) return false;
    this.remove(seqOfId(id), note);
    return true;
  }

  /** list returns up to `limit` notes created after the one with id `after` (oldest first). */
  list(limit: number, after?: string): { items: Note[]; nextCursor: string | null } {
    const afterSeq = after ? seqOf(after) : 0;
    const items: Note[] = [];
    const first = afterSeq < this.oldest ? this.oldest : Math.floor(afterSeq) + 1;
    for (let s = first; s <= this.seq; s++) {
      const note = this.slots[s - this.base];
      if (note === undefined) continue;
      if (items.length === limit) return { items, nextCursor: items[items.length - 1].id };
      items.push(note);
    }
    return { items, nextCursor: null };
  }

  private evict(): void {
    while (this.count > this.maxNotes || this.bytes > this.maxBytes) {
      const note = this.slots[this.oldest - this.base];
      if (note === undefined) this.oldest++;
      else this.remove(this.oldest, note);
    }
  }

  /** remove forgets the live note `note` with sequence number `s`. */
  private remove(s: number, note: Note): void {
    this.slots[s - this.base] = undefined;
    this.count--;
    this.bytes -= sizeOf(note);
    while (this.oldest <= this.seq && this.slots[this.oldest - this.base] === undefined)
      this.oldest++;
    const dead = this.oldest - this.base;
    if (dead >= COMPACT_MIN && dead * 2 >= this.slots.length) {
      this.slots = this.slots.slice(dead);
      this.base = this.oldest;
    }
  }
}

function sizeOf(note: Note): number {
  return note.title.length + note.body.length;
}

/** The sequence number of a list cursor, as `Number` reads what follows its first character. */
function seqOf(id: string): number {
  const n = Number(id.slice(1));
  return Number.isFinite(n) ? n : 0;
}

/**
 * seqOfId returns s when `id` is exactly `n${s}` for a whole s >= 1 (an id the store may have
 * issued), else 0.
 */
function seqOfId(id: string): number {
  const n = id.length;
  if (n < 2 || n > 16 || id.charCodeAt(0) !== 110 || id.charCodeAt(1) === 48) return 0;
  let s = 0;
  for (let i = 1; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    s = s * 10 + d;
  }
  return s;
}
