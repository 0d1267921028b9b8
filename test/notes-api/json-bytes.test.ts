import { describe, expect, it } from 'vitest';
import { jsonBytes, noteBytes } from '../../src/notes-api/json-bytes.js';
import { NoteStore } from '../../src/notes-api/note-store.js';
import { VirtualNoteCipher } from '../../src/notes-api/virtual-note-cipher.js';

const NOTE = {
  id: 'n42',
  title: 'alpha beta gamma',
  body: 'x'.repeat(400),
  encrypted: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:01.250Z',
};

const CASES: unknown[] = [
  NOTE,
  { ...NOTE, encrypted: true },
  {
    items: [NOTE, NOTE].map(({ id, title, createdAt }) => ({ id, title, createdAt })),
    nextCursor: null,
  },
  { items: [], nextCursor: 'n7' },
  { id: 'n1', score: -0.333, label: 'negative', words: 70 },
  { id: 'n1', score: 0, label: 'neutral', words: 1234567890123 },
  { message: 'Rate Exceeded.', reason: 'concurrency' },
  [1, 2.5, -3, 1e21, true, false, null, 'a', [], {}, [[]], { a: { b: [null] } }],
  'text',
  12,
  true,
  {},
  [],
];

describe('jsonBytes', () => {
  it('is the UTF-8 length of JSON.stringify for ASCII data without escapes', () => {
    for (const value of CASES)
      expect(jsonBytes(value), JSON.stringify(value)).toBe(
        Buffer.byteLength(JSON.stringify(value)),
      );
  });

  it('counts no body as 0 and skips undefined fields as JSON.stringify does', () => {
    expect(jsonBytes(null)).toBe(0);
    expect(jsonBytes(undefined)).toBe(0);
    const value = { a: 1, b: undefined, c: 'x' };
    expect(jsonBytes(value)).toBe(JSON.stringify(value).length);
    expect(jsonBytes({ b: undefined })).toBe(2);
  });
});

describe('noteBytes', () => {
  it('counts a stored note as jsonBytes does, through creates, updates and encryption', () => {
    const store = new NoteStore();
    const cipher = new VirtualNoteCipher();
    const notes = [
      store.create('', '', 0),
      store.create('alpha beta gamma', 'x'.repeat(400), 1_700_000_000_123),
      store.create('é ü', 'ß'.repeat(33), 253_402_300_799_999),
    ];
    notes.push(store.create('far', '', 8.64e15), store.create('before', '', -62_198_755_200_001));
    for (const note of notes) {
      expect(noteBytes(note)).toBe(jsonBytes(note.toJSON()));
      expect(jsonBytes(note)).toBe(jsonBytes(note.toJSON()));
      if (note.title === 'far') expect(noteBytes(note)).toBe(JSON.stringify(note).length);
      store.update(note.id, { body: cipher.encrypt(note.body), encrypted: true }, 1e12);
      expect(noteBytes(note)).toBe(jsonBytes(note));
      store.update(note.id, { title: 'new title' }, 1e12 + 1);
      expect(noteBytes(note)).toBe(jsonBytes(note));
    }
  });
});
