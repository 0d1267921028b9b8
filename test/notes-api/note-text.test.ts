import { describe, expect, it } from 'vitest';
import { sentimentOf } from '../../src/notes-api/note-text.js';
import { createRandom } from '../../src/random/seeded-random.js';

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

/** The reference: lower-case, words of [a-z']+, lexicon lookups. */
function reference(text: string) {
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

describe('sentimentOf', () => {
  it('scores as lower-casing and matching every word would, for ASCII and other text', () => {
    const random = createRandom(7);
    const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' .,!-09";
    const rare = ['\u212a', '\u0130', 'é', 'ß'];
    const lexicon = [
      'good',
      'GREAT',
      'Bad',
      'poor',
      'failure',
      'fail',
      'loss',
      "win's",
      'wonderfully',
    ];
    for (let t = 0; t < 5_000; t++) {
      let text = '';
      for (let i = random.int(0, 80); i > 0; i--) {
        const r = random.next();
        if (r < 0.2) text += ` ${random.pick(lexicon)}${random.pick([' ', "'", '', '.'])}`;
        else if (r < 0.21) text += random.pick(rare);
        else text += random.pick([...chars]);
      }
      expect(sentimentOf(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('scores a text seen before (remembered) and a long one (not remembered) alike', () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `good ${'x'.repeat(i % 50)} bad ${i}`);
    texts.push(`${'great '.repeat(300)}sad`);
    for (const round of [1, 2])
      for (const text of texts)
        expect(sentimentOf(text), `round ${round}`).toEqual(reference(text));
  });
});
