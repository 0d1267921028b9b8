/**
 * wrap and clip: plain text fitted to a terminal's width, for the end-of-run summary and for the
 * lines printed while the live view runs. Pure; the text must hold no escape sequences.
 */

/** clip cuts one line to `width` columns (plain text), ending it with `...` when cut. */
export function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`;
}

/**
 * wrap breaks prose at spaces so no line exceeds `width` columns (at least 20), each word kept
 * whole; only a word longer than a whole line is clipped.
 */
export function wrap(text: string, width: number): string {
  const limit = Math.max(20, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).map((w) => clip(w, limit))) {
    if (line !== '' && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
