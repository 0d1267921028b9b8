import { describe, expect, it } from 'vitest';
import { isAscii } from '../../src/notes-api/is-ascii.js';

/** The reference: every UTF-16 unit below 128. */
function reference(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

describe('isAscii', () => {
  it('agrees with a unit-by-unit check on ASCII, Latin-1, BMP, surrogate pairs and lone surrogates', () => {
    const units = [
      'a',
      ' ',
      '\u0000',
      '\u007f',
      '\u0080',
      'é',
      'ÿ',
      '€',
      '\ud83d\ude00',
      '\ud83d',
      '\ude00',
    ];
    for (const a of units)
      for (const b of units) {
        const text = `x${a}${b}y`;
        expect(isAscii(text), JSON.stringify(text)).toBe(reference(text));
      }
    expect(isAscii('')).toBe(true);
    expect(isAscii('lorem ipsum '.repeat(40).slice(3, 403))).toBe(true);
  });
});
