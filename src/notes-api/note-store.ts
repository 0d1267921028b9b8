/**
 * NoteStore: the notes of the embedded API, in memory, bounded. Ids are sequential (`n1`, `n2`,
 * ...) so a virtual run is reproducible. Past `maxNotes` notes or `maxBytes` of text, the oldest
 * notes are evicted (a read of an evicted note is a 404, as after a delete). Not thread-safe.
 */

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

/** In-memory note store with oldest-first eviction. */
export class NoteStore {
  private readonly notes = new Map<string, Note>();
  private seq = 0;
  private bytes = 0;
  private readonly maxNotes: number;
  private readonly maxBytes: number;

  constructor(limits: NoteStoreLimits = {}) {
    this.maxNotes = limits.maxNotes ?? 200_000;
    this.maxBytes = limits.maxBytes ?? 128 * 1024 * 1024;
  }

  get size(): number {
    return this.notes.size;
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
    this.notes.set(note.id, note);
    this.bytes += sizeOf(note);
    this.evict();
    return note;
  }

  get(id: string): Note | undefined {
    return this.notes.get(id);
  }

  /** update replaces the given fields of a note (mutates it); undefined when there is no such note. */
  update(
    id: string,
    fields: Partial<Pick<Note, 'title' | 'body' | 'encrypted'>>,
    nowMs: number,
  ): Note | undefined {
    const note = this.notes.get(id);
    if (!note) return undefined;
    this.bytes -= sizeOf(note);
    Object.assign(note, fields, { updatedAt: this.iso(nowMs) });
    this.bytes += sizeOf(note);
    this.evict();
    return this.notes.get(id);
  }

  /** delete removes a note; false when there was none. */
  delete(id: string): boolean {
    const note = this.notes.get(id);
    if (!note) return false;
    this.bytes -= sizeOf(note);
    return this.notes.delete(id);
  }

  /** list returns up to `limit` notes created after the one with id `after` (oldest first). */
  list(limit: number, after?: string): { items: Note[]; nextCursor: string | null } {
    const afterSeq = after ? seqOf(after) : 0;
    const items: Note[] = [];
    for (const note of this.notes.values()) {
      if (seqOf(note.id) <= afterSeq) continue;
      if (items.length === limit) return { items, nextCursor: items[items.length - 1].id };
      items.push(note);
    }
    return { items, nextCursor: null };
  }

  private lastIsoMs = Number.NaN;
  private lastIso = '';

  /** iso formats a time, reusing the last string for the same millisecond (hot in simulate). */
  private iso(nowMs: number): string {
    const ms = Math.floor(nowMs);
    if (ms !== this.lastIsoMs) {
      this.lastIsoMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }

  private evict(): void {
    if (this.notes.size <= this.maxNotes && this.bytes <= this.maxBytes) return;
    for (const [id, note] of this.notes) {
      if (this.notes.size <= this.maxNotes && this.bytes <= this.maxBytes) return;
      this.notes.delete(id);
      this.bytes -= sizeOf(note);
    }
  }
}

function sizeOf(note: Note): number {
  return note.title.length + note.body.length;
}

function seqOf(id: string): number {
  const n = Number(id.slice(1));
  return Number.isFinite(n) ? n : 0;
}
