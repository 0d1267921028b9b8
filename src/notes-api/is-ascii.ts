/**
 * isAscii: whether every UTF-16 unit of a text is below 128. Pure.
 *
 * Counted as UTF-8 by Buffer.byteLength (native, several times faster than a JavaScript loop on
 * simulate's 400-character note bodies): every unit below 128 is one byte, and every other one,
 * a lone surrogate included, makes at least two bytes of the text's UTF-8 (a surrogate pair four
 * for two units), so the byte length equals the length exactly when the text is ASCII.
 */
export function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}
