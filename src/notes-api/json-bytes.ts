/**
 * jsonBytes: the size of a reply body as JSON, counted without building the string (simulate's
 * virtual notes API keeps replies as data). Pure.
 */

import type { Note, StoredNote } from './note-store.js';
import { isoLength } from './iso-timestamp.js';

/**
 * jsonBytes returns the length of JSON.stringify(value) without building the string (escapes and
 * non-ASCII characters are counted as one byte: close enough for a modeled byte count; toJSON is
 * honoured, as JSON.stringify does).
 * null and undefined count 0 at the top level (no body).
 */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return valueBytes(value);
}

function valueBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return numberChars(value);
    case 'object':
      if (value === null) return 4;
      // As JSON.stringify, an object with toJSON (a StoredNote, a Date) counts as what it returns.
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
        return valueBytes((value as { toJSON(): unknown }).toJSON());
      return Array.isArray(value)
        ? arrayBytes(value as unknown[])
        : objectBytes(value as Record<string, unknown>);
    default:
      return typeof value === 'undefined' ? 0 : 2;
  }
}

/** numberChars is String(v).length, without the string for small non-negative integers. */
function numberChars(v: number): number {
  if (!Number.isInteger(v) || v < 0 || v >= 1e9) return String(v).length;
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  return digits;
}

/** `[a,b]`: brackets, one comma between items; an undefined item counts 0. */
function arrayBytes(a: unknown[]): number {
  let n = a.length > 0 ? a.length + 1 : 2;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v !== undefined) n += valueBytes(v);
  }
  return n;
}

/** `{"k":v,...}`: 1 for `{`, then per field quotes, colon and `,` or `}` (4) + key + value. */
function objectBytes(o: Record<string, unknown>): number {
  let n = 1;
  let fields = 0;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    n += k.length + 4 + valueBytes(v);
    fields++;
  }
  return fields === 0 ? 2 : n;
}

/** jsonBytes of a note whose strings are all empty and which is not encrypted. */
const EMPTY_NOTE_BYTES = jsonBytes({
  id: '',
  title: '',
  body: '',
  encrypted: false,
  createdAt: '',
  updatedAt: '',
} satisfies Note);

/**
 * noteBytes is jsonBytes(note.toJSON()) for a note of the store, from its numbers and the lengths
 * of its strings: no walk over its keys and no id or time text made (simulate counts every read
 * reply's note).
 */
export function noteBytes(note: StoredNote): number {
  return (
    EMPTY_NOTE_BYTES +
    idLength(note.seq) +
    note.title.length +
    note.body.length +
    isoLength(note.createdMs) +
    isoLength(note.updatedMs) -
    (note.encrypted ? 1 : 0)
  );
}

/** idLength is the length of the id `n${seq}` of a note (seq a whole number >= 1). */
export function idLength(seq: number): number {
  return 1 + numberChars(seq);
}
