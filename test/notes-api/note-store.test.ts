import { describe, expect, it } from 'vitest';
import { NoteStore, StoredNote, type Note } from '../../src/notes-api/note-store.js';
import { createRandom } from '../../src/random/seeded-random.js';

/** The store as it was (a Map in insertion order), the reference the indexed store must equal. */
class MapStore {
  private readonly notes = new Map<string, Note>();
  private seq = 0;
  private bytes = 0;
  constructor(
    private readonly maxNotes: number,
    private readonly maxBytes: number,
  ) {}
  get size(): number {
    return this.notes.size;
  }
  create(title: string, body: string, nowMs: number): Note {
    const at = new Date(Math.floor(nowMs)).toISOString();
    const note = {
      id: `n${++this.seq}`,
      title,
      body,
      encrypted: false,
      createdAt: at,
      updatedAt: at,
    };
    this.notes.set(note.id, note);
    this.bytes += note.title.length + note.body.length;
    this.evict();
    return note;
  }
  get(id: string): Note | undefined {
    return this.notes.get(id);
  }
  update(
    id: string,
    fields: Partial<Pick<Note, 'title' | 'body' | 'encrypted'>>,
    nowMs: number,
  ): Note | undefined {
    const note = this.notes.get(id);
    if (!note) return undefined;
    this.bytes -= note.title.length + note.body.length;
    Object.assign(note, fields, { updatedAt: new Date(Math.floor(nowMs)).toISOString() });
    this.bytes += note.title.length + note.body.length;
    this.evict();
    return this.notes.get(id);
  }
  delete(id: string): boolean {
    const note = this.notes.get(id);
    if (!note) return false;
    this.bytes -= note.title.length + note.body.length;
    return this.notes.delete(id);
  }
  list(limit: number, after?: string): { items: Note[]; nextCursor: string | null } {
    const n = after ? Number(after.slice(1)) : 0;
    const afterSeq = Number.isFinite(n) ? n : 0;
    const items: Note[] = [];
    for (const note of this.notes.values()) {
      if (Number(note.id.slice(1)) <= afterSeq) continue;
      if (items.length === limit) return { items, nextCursor: items[items.length - 1].id };
      items.push(note);
    }
    return { items, nextCursor: null };
  }
  private evict(): void {
    for (const [id, note] of this.notes) {
      if (this.notes.size <= this.maxNotes && this.bytes <= this.maxBytes) return;
      this.notes.delete(id);
      this.bytes -= note.title.length + note.body.length;
    }
  }
}

/** plain: a stored note as plain data (its toJSON), checked to be a StoredNote. */
function plain(note: StoredNote | undefined): Note | undefined {
  if (note === undefined) return undefined;
  expect(note).toBeInstanceOf(StoredNote);
  return note.toJSON();
}

function plainList(page: { items: StoredNote[]; nextCursor: string | null }) {
  return { items: page.items.map((n) => n.toJSON()), nextCursor: page.nextCursor };
}

const ODD_IDS = [
  '',
  'n',
  'n0',
  'n01',
  'x1',
  'n1.0',
  'n1e1',
  'n-1',
  ' n1',
  'n1 ',
  'n99999999999999999',
];

describe('NoteStore', () => {
  it('answers every operation as the Map-based store did, through eviction and compaction', () => {
    for (const [maxNotes, maxBytes] of [
      [50, 1e9],
      [1e9, 3_000],
      [5_000, 200_000],
    ]) {
      const random = createRandom(maxNotes);
      const store = new NoteStore({ maxNotes, maxBytes });
      const ref = new MapStore(maxNotes, maxBytes);
      let nowMs = Date.UTC(2026, 0, 1);
      const someId = () =>
        random.chance(0.05)
          ? random.pick(ODD_IDS)
          : `n${1 + Math.floor(random.next() * (ref.size + 40) * 1.5)}`;
      for (let op = 0; op < 40_000; op++) {
        nowMs += random.next() * 40;
        const r = random.next();
        const text = 'x'.repeat(random.int(0, 120));
        if (r < 0.3)
          expect(plain(store.create('t', text, nowMs))).toEqual(ref.create('t', text, nowMs));
        else if (r < 0.5) {
          const id = someId();
          expect(plain(store.get(id))).toEqual(ref.get(id));
        } else if (r < 0.65) {
          const id = someId();
          const fields = random.chance(0.5) ? { body: text } : { title: text, encrypted: true };
          // updateNote: the same, for the note itself (a live one, as get returned it).
          const note = random.chance(0.5) ? store.get(id) : undefined;
          const updated = note
            ? store.updateNote(note, fields, nowMs)
            : store.update(id, fields, nowMs);
          expect(plain(updated)).toEqual(ref.update(id, fields, nowMs));
        } else if (r < 0.85) {
          const id = someId();
          const note = random.chance(0.5) ? store.get(id) : undefined;
          if (note) store.deleteNote(note);
          expect(note ? true : store.delete(id)).toBe(ref.delete(id));
        } else if (r < 0.9) {
          // visitPage: the notes of the page, in order, and its last one when there is a cursor.
          const after = random.chance(0.3) ? undefined : someId();
          const limit = random.int(1, 30);
          const visited: StoredNote[] = [];
          const last = store.visitPage(limit, after, (n) => visited.push(n));
          const page = ref.list(limit, after);
          expect(visited.map((n) => n.toJSON())).toEqual(page.items);
          expect(last === undefined ? null : last.id).toBe(page.nextCursor);
        } else {
          const after = random.chance(0.3) ? undefined : random.chance(0.1) ? 'zz' : someId();
          const limit = random.int(1, 30);
          expect(plainList(store.list(limit, after))).toEqual(ref.list(limit, after));
        }
        expect(store.size).toBe(ref.size);
      }
    }
  });

  it('keeps a note it returned up to date, and as it was last once deleted or evicted', () => {
    const store = new NoteStore({ maxNotes: 2 });
    const t0 = Date.UTC(2026, 11, 1, 20, 0, 0);
    const a = store.create('a', 'one', t0 + 0.7);
    expect(JSON.stringify(a)).toBe(
      '{"id":"n1","title":"a","body":"one","encrypted":false,' +
        '"createdAt":"2026-12-01T20:00:00.000Z","updatedAt":"2026-12-01T20:00:00.000Z"}',
    );
    store.update('n1', { body: 'two', encrypted: true }, t0 + 1500);
    expect(a.toJSON()).toEqual({
      id: 'n1',
      title: 'a',
      body: 'two',
      encrypted: true,
      createdAt: '2026-12-01T20:00:00.000Z',
      updatedAt: '2026-12-01T20:00:01.500Z',
    });
    store.create('b', '', t0 + 2000);
    store.create('c', '', t0 + 3000); // evicts n1
    expect(store.get('n1')).toBeUndefined();
    expect(store.size).toBe(2);
    expect(a.body).toBe('two');
    expect(a.updatedAt).toBe('2026-12-01T20:00:01.500Z');
    const b = store.get('n2') as StoredNote;
    expect(store.delete('n2')).toBe(true);
    expect(b.toJSON()).toEqual({
      id: 'n2',
      title: 'b',
      body: '',
      encrypted: false,
      createdAt: '2026-12-01T20:00:02.000Z',
      updatedAt: '2026-12-01T20:00:02.000Z',
    });
  });

  it('answers undefined for a note its own update evicted, by id or by note', () => {
    for (const byNote of [false, true]) {
      const store = new NoteStore({ maxBytes: 10 });
      const a = store.create('a', 'one', 0);
      store.create('b', 'two', 1);
      const fields = { body: 'x'.repeat(8) };
      expect(byNote ? store.updateNote(a, fields, 2) : store.update('n1', fields, 2)).toBe(
        undefined,
      );
      expect(store.get('n1')).toBeUndefined();
      expect(store.size).toBe(1);
    }
  });

  it('stamps times a Date holds, before and after its first note, and refuses others', () => {
    const store = new NoteStore();
    const times = [Date.UTC(2026, 0, 1), 0, -62_198_755_200_001, 253_402_300_800_000, 8.64e15];
    for (const t of times)
      expect(store.create('t', '', t).createdAt).toBe(new Date(Math.floor(t)).toISOString());
    expect(() => store.create('t', '', 8.64e15 + 1)).toThrow(RangeError);
    expect(() => store.create('t', '', Number.NaN)).toThrow(RangeError);
    expect(() => store.update('n1', { title: 'x' }, Number.NaN)).toThrow(RangeError);
    expect(store.size).toBe(times.length);
    expect(store.get('n1')?.title).toBe('t');
  });
});
