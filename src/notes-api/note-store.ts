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
 *
 * Memory (a store holds up to 200,000 notes for hours): a note is one StoredNote holding its
 * sequence number and its two times as small integers (ms from the store's first note), its
 * title and body; its id and ISO times are made when read, so a note costs its object and its
 * two strings (a `{{text 400}}` body is a slice of the lorem text), not an id string and one or
 * two timestamp strings more (about 80 bytes a note less: bench/README.md, 2026-12-01 20:44).
 */

import { isoTimestamp } from './iso-timestamp.js';

/** One note as the API shows it (the JSON of a note: these fields in this order). */
export interface Note {
  readonly id: string;
  readonly title: string;
  /** `iv.tag.ciphertext` (base64) while `encrypted`. */
  readonly body: string;
  readonly encrypted: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * StoredNote: a note of a NoteStore, the object itself (not a copy): NoteStore.update changes it
 * in place, so a holder sees every later update; once deleted or evicted it keeps its last state.
 * Its `id`, `createdAt` and `updatedAt` are getters making a new string each read (equal to
 * `n${seq}` and `new Date(ms).toISOString()`, which isoTimestamp guarantees), so it is not a plain object: `toJSON()` is the
 * plain note (JSON.stringify uses it), and code that walks own keys (jsonBytes, JSONPath) must be
 * given `toJSON()`. Its fields are changed by its store only.
 */
export class StoredNote implements Note {
  /** @internal made by NoteStore.create only. */
  constructor(
    /** The sequence number s of id `n${s}`. */
    readonly seq: number,
    public title: string,
    public body: string,
    public encrypted: boolean,
    /** Creation time, whole ms after `clock.epochMs`. */
    readonly createdOffsetMs: number,
    /** Last update time, whole ms after `clock.epochMs`. */
    public updatedOffsetMs: number,
    private readonly clock: NoteClock,
  ) {}

  get id(): string {
    return `n${this.seq}`;
  }

  get createdAt(): string {
    return this.clock.iso(this.createdMs);
  }

  get updatedAt(): string {
    return this.clock.iso(this.updatedMs);
  }

  /** Epoch ms of the creation (whole). */
  get createdMs(): number {
    return this.clock.epochMs + this.createdOffsetMs;
  }

  /** Epoch ms of the last update (whole). */
  get updatedMs(): number {
    return this.clock.epochMs + this.updatedOffsetMs;
  }

  /** The plain note, as it is now (a new object each call). */
  toJSON(): Note {
    return {
      id: this.id,
      title: this.title,
      body: this.body,
      encrypted: this.encrypted,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    };
  }
}

/**
 * A store's clock: the time the offsets of its notes count from (set by its first note, then
 * fixed), and the formatter of their ISO times (isoTimestamp: cheap for times read in about the
 * order they were made, as a new note's reply is).
 */
interface NoteClock {
  epochMs: number;
  readonly iso: (ms: number) => string;
}

/** Largest |ms| a Date holds (ECMA-262 Time Values: 8.64e15). */
const MAX_TIME_MS = 8.64e15;

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
  private slots: Array<StoredNote | undefined> = [];
  /** Sequence number of slots[0]. */
  private base = 1;
  /** No live note has a sequence number below this one. */
  private oldest = 1;
  private seq = 0;
  private count = 0;
  private bytes = 0;
  private readonly maxNotes: number;
  private readonly maxBytes: number;
  private readonly clock: NoteClock = { epochMs: Number.NaN, iso: isoTimestamp() };

  constructor(limits: NoteStoreLimits = {}) {
    this.maxNotes = limits.maxNotes ?? 200_000;
    this.maxBytes = limits.maxBytes ?? 128 * 1024 * 1024;
  }

  get size(): number {
    return this.count;
  }

  /**
   * create stores a new note stamped with `nowMs` (floored to the ms), evicting the oldest if over
   * the limits; throws RangeError for a time Date cannot hold (as toISOString would).
   */
  create(title: string, body: string, nowMs: number): StoredNote {
    const at = this.offsetOf(nowMs);
    const note = new StoredNote(++this.seq, title, body, false, at, at, this.clock);
    this.slots.push(note);
    this.count++;
    this.bytes += sizeOf(note);
    this.evict();
    return note;
  }

  get(id: string): StoredNote | undefined {
    const s = seqOfId(id);
    return s >= this.oldest && s <= this.seq ? this.slots[s - this.base] : undefined;
  }

  /**
   * update replaces the given fields of a note (mutates it; fields set to undefined are left as
   * they are) and stamps it with `nowMs`; undefined when there is no such note, or when the update
   * itself evicted it.
   */
  update(
    id: string,
    fields: Partial<Pick<Note, 'title' | 'body' | 'encrypted'>>,
    nowMs: number,
  ): StoredNote | undefined {
    const note = this.get(id);
    return note && this.updateNote(note, fields, nowMs);
  }

  /**
   * updateNote is update for a live note of this store given as itself (as `get` returned it):
   * no id text made or parsed (simulate's hot path).
   */
  updateNote(
    note: StoredNote,
    fields: Partial<Pick<Note, 'title' | 'body' | 'encrypted'>>,
    nowMs: number,
  ): StoredNote | undefined {
    const at = this.offsetOf(nowMs);
    this.bytes -= sizeOf(note);
    if (fields.title !== undefined) note.title = fields.title;
    if (fields.body !== undefined) note.body = fields.body;
    if (fields.encrypted !== undefined) note.encrypted = fields.encrypted;
    note.updatedOffsetMs = at;
    this.bytes += sizeOf(note);
    this.evict();
    return this.slots[note.seq - this.base] === note ? note : undefined;
  }

  /** delete removes a note; false when there was none. */
  delete(id: string): boolean {
    const note = this.get(id);
    if (!note) return false;
    this.remove(note.seq, note);
    return true;
  }

  /** deleteNote is delete for a live note of this store given as itself (as `get` returned it). */
  deleteNote(note: StoredNote): void {
    this.remove(note.seq, note);
  }

  /** list returns up to `limit` notes created after the one with id `after` (oldest first). */
  list(limit: number, after?: string): { items: StoredNote[]; nextCursor: string | null } {
    const items: StoredNote[] = [];
    const last = this.visitPage(limit, after, (note) => items.push(note));
    return { items, nextCursor: last === undefined ? null : last.id };
  }

  /**
   * visitPage calls `visit` on each note `list(limit, after)` would return, in order, without
   * making the page; returns the page's last note when `list` would give a next cursor (its id),
   * else undefined.
   */
  visitPage(
    limit: number,
    after: string | undefined,
    visit: (note: StoredNote) => void,
  ): StoredNote | undefined {
    const afterSeq = after ? seqOf(after) : 0;
    const first = afterSeq < this.oldest ? this.oldest : Math.floor(afterSeq) + 1;
    let count = 0;
    let last: StoredNote | undefined;
    for (let s = first; s <= this.seq; s++) {
      const note = this.slots[s - this.base];
      if (note === undefined) continue;
      if (count === limit) return last;
      visit(note);
      last = note;
      count++;
    }
    return undefined;
  }

  /** offsetOf: `nowMs` floored, as ms after the store's epoch (the first time it was given). */
  private offsetOf(nowMs: number): number {
    const ms = Math.floor(nowMs);
    if (!(Math.abs(ms) <= MAX_TIME_MS)) throw new RangeError('Invalid time value');
    if (Number.isNaN(this.clock.epochMs)) this.clock.epochMs = ms;
    return ms - this.clock.epochMs;
  }

  private evict(): void {
    while (this.count > this.maxNotes || this.bytes > this.maxBytes) {
      const note = this.slots[this.oldest - this.base];
      if (note === undefined) this.oldest++;
      else this.remove(this.oldest, note);
    }
  }

  /** remove forgets the live note `note` with sequence number `s`. */
  private remove(s: number, note: StoredNote): void {
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

function sizeOf(note: StoredNote): number {
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
