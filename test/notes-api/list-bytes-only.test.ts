import { describe, expect, it } from 'vitest';
import { handleNotesRequest, type NotesRequest } from '../../src/notes-api/notes-routes.js';
import { NoteStore } from '../../src/notes-api/note-store.js';
import { VirtualNoteCipher } from '../../src/notes-api/virtual-note-cipher.js';
import { jsonBytes } from '../../src/notes-api/json-bytes.js';

/** A store of `n` notes, every third one deleted. */
function storeOf(n: number): NoteStore {
  const store = new NoteStore();
  for (let i = 1; i <= n; i++)
    store.create(`title ${i}`, 'body '.repeat(i % 7), 1_700_000_000_000 + i);
  for (let i = 3; i <= n; i += 3) store.delete(`n${i}`);
  return store;
}

function list(store: NoteStore, query: string, bytesOnly: boolean) {
  const req: NotesRequest = {
    match: { route: 'list' },
    bodyText: '',
    query: new URLSearchParams(query),
    nowMs: 1_700_000_001_000,
    bytesOnly,
  };
  return handleNotesRequest(store, new VirtualNoteCipher(), req);
}

describe('a bytes-only listing', () => {
  const cases: Array<[number, string]> = [
    [0, ''],
    [5, ''],
    [40, 'limit=20'],
    [40, 'limit=20&cursor=n10'],
    [40, 'limit=100'],
    [40, 'limit=1&cursor=n39'],
    [40, 'cursor=n40'],
  ];
  it.each(cases)('of %i notes with "%s" counts the body the listing would reply', (n, query) => {
    const full = list(storeOf(n), query, false);
    const counted = list(storeOf(n), query, true);
    expect(counted).toEqual({ status: 200, body: null, bytes: jsonBytes(full.body) });
    expect(counted.bytes).toBe(JSON.stringify(full.body).length);
  });

  it('replies a bad limit with its body, as without bytesOnly', () => {
    expect(list(storeOf(3), 'limit=0', true)).toEqual(list(storeOf(3), 'limit=0', false));
  });
});
