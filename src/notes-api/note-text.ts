/**
 * Text analyses of the notes API: a lexicon sentiment score and an extractive summary. Pure.
 */
import { isAscii } from './is-ascii.js';

const POSITIVE = new Set(
  'good great excellent happy love like nice fine fast best better win wonderful calm glad joy success'.split(
    ' ',
  ),
);
const NEGATIVE = new Set(
  'bad poor terrible sad hate dislike slow worst worse fail failure angry awful broken error pain loss'.split(
    ' ',
  ),
);

/** A text's sentiment, as sentimentOf returns it (shared between calls: never mutate). */
export interface Sentiment {
  score: number;
  label: 'positive' | 'negative' | 'neutral';
  words: number;
}

/**
 * Texts up to this length have their sentiment remembered: simulate's note bodies are windows of
 * one lorem text (about 16,000 distinct ones for `{{text 400}}`), each analyzed many times.
 */
const REMEMBER_MAX_CHARS = 1024;
/** Most remembered sentiments (at most about 32 MiB of keys); the memory is cleared when full. */
const REMEMBER_MAX = 16_384;
const remembered = new Map<string, Sentiment>();

/**
 * Sentiment of a text: score in [-1, 1] (positive minus negative words, over words scored). The
 * result of a short text is remembered (a pure function of the text); the object returned may be
 * the one an earlier call returned: read it, never change it.
 */
export function sentimentOf(text: string): Sentiment {
  if (text.length > REMEMBER_MAX_CHARS) return analyze(text);
  let s = remembered.get(text);
  if (s === undefined) {
    if (remembered.size >= REMEMBER_MAX) remembered.clear();
    s = analyze(text);
    remembered.set(text, s);
  }
  return s;
}

function analyze(text: string): Sentiment {
  const counts = isAscii(text) ? asciiCounts(text) : lowerCaseCounts(text);
  const pos = counts[0];
  const neg = counts[1];
  const score = pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
  const label = score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral';
  return { score: Math.round(score * 1000) / 1000, label, words: counts[2] };
}

/** [positive, negative, words]: reused by every count (one caller at a time: single-threaded). */
const COUNTS: [number, number, number] = [0, 0, 0];

/** The reference counting: words of `[a-z']+` in the lower-cased text, looked up in the lexicons. */
function lowerCaseCounts(text: string): [number, number, number] {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let pos = 0;
  let neg = 0;
  for (const w of words) {
    if (POSITIVE.has(w)) pos++;
    else if (NEGATIVE.has(w)) neg++;
  }
  COUNTS[0] = pos;
  COUNTS[1] = neg;
  COUNTS[2] = words.length;
  return COUNTS;
}

/** Every lexicon word, lower-case, with +1 (positive) or -1 (negative). */
const LEXICON = new Map<string, number>([
  ...[...NEGATIVE].map((w) => [w, -1] as const),
  ...[...POSITIVE].map((w) => [w, 1] as const),
]);
const LONGEST_WORD = Math.max(...[...LEXICON.keys()].map((w) => w.length));

/** wordHash: a 32-bit hash of lower-case word characters, fed one char code at a time. */
function wordHash(h: number, lowerCode: number): number {
  return (Math.imul(h, 31) + lowerCode) | 0;
}

/** Lexicon words by wordHash (a list: two words may share a hash). */
const BY_HASH = new Map<number, string[]>();
for (const w of LEXICON.keys()) {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = wordHash(h, w.charCodeAt(i));
  BY_HASH.set(h, [...(BY_HASH.get(h) ?? []), w]);
}

/**
 * lowerCaseCounts for ASCII text, without lower-casing the text or collecting its words: for
 * ASCII, toLowerCase only maps A-Z to a-z (`c | 32`; `'` has that bit already), so the words are
 * the runs of letters and `'`; a run no longer than the longest lexicon word is looked up by its
 * hash and then compared character by character.
 */
function asciiCounts(text: string): [number, number, number] {
  let pos = 0;
  let neg = 0;
  let words = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      h = wordHash(h, c | 32);
    }
    words++;
    if (i - start > LONGEST_WORD) continue;
    const sign = lexiconSign(text, start, i, h);
    if (sign === 1) pos++;
    else if (sign === -1) neg++;
  }
  COUNTS[0] = pos;
  COUNTS[1] = neg;
  COUNTS[2] = words;
  return COUNTS;
}

/** The lexicon sign of text[start, end) lower-cased (ASCII word chars), 0 when not a lexicon word. */
function lexiconSign(text: string, start: number, end: number, hash: number): number {
  const candidates = BY_HASH.get(hash);
  if (candidates === undefined) return 0;
  for (const w of candidates) {
    if (w.length !== end - start) continue;
    let k = 0;
    while (k < w.length && (text.charCodeAt(start + k) | 32) === w.charCodeAt(k)) k++;
    if (k === w.length) return LEXICON.get(w) ?? 0;
  }
  return 0;
}

/** A-Z, a-z or `'`. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
}

/** summaryOf returns the first sentences of a text, up to about `maxChars` characters. */
export function summaryOf(text: string, maxChars = 200): string {
  const sentences = text.match(/[^.!?]+[.!?]*/g) ?? [];
  let out = '';
  for (const s of sentences) {
    if (out.length > 0 && out.length + s.length > maxChars) break;
    out += s;
  }
  return (out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out).trim();
}
