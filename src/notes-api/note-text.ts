/**
 * Text analyses of the notes API: a lexicon sentiment score and an extractive summary. Pure.
 */

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

/** Sentiment of a text: score in [-1, 1] (positive minus negative words, over words scored). */
export function sentimentOf(text: string): {
  score: number;
  label: 'positive' | 'negative' | 'neutral';
  words: number;
} {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let pos = 0;
  let neg = 0;
  for (const w of words) {
    if (POSITIVE.has(w)) pos++;
    else if (NEGATIVE.has(w)) neg++;
  }
  const score = pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
  const label = score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral';
  return { score: Math.round(score * 1000) / 1000, label, words: words.length };
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
