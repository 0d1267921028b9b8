/**
 * jsonChunks: the text of `JSON.stringify(value, null, 2)`, handed out in pieces of about
 * `chunkChars` characters, so a large run record is written without one string (and one buffer)
 * the size of the whole file. Pure apart from calling `emit`.
 *
 * The contract: the concatenation of the chunks is exactly `JSON.stringify(value, null, 2)` for
 * any JSON-compatible value. Plain objects and arrays down to `SPLIT_DEPTH` levels are written
 * member by member, by the same rules JSON.stringify follows (own enumerable string keys in order,
 * undefined, functions and symbols skipped in objects and written `null` in arrays, `{}`/`[]` when
 * empty); anything deeper, or with a toJSON method, is one JSON.stringify re-indented, except
 * an array of `[number, number]` pairs (a series' points), whose text is built directly.
 */

/**
 * Levels of plain objects and arrays written member by member (record > platform > series > one
 * series: its points reach the pairs writer).
 */
const SPLIT_DEPTH = 4;

/** jsonChunks calls `emit` with consecutive pieces of the indented JSON text of `value`. */
export function jsonChunks(
  value: unknown,
  emit: (text: string) => void,
  chunkChars = 1 << 20,
): void {
  let pending = '';
  const write = (text: string) => {
    pending += text;
    if (pending.length >= chunkChars) {
      emit(pending);
      pending = '';
    }
  };
  writeValue(value, '', 0, write);
  if (pending !== '') emit(pending);
}

function writeValue(v: unknown, indent: string, depth: number, write: (t: string) => void): void {
  if (depth >= SPLIT_DEPTH || !isPlainContainer(v)) {
    if (isNumberPairs(v)) return write(pairsText(v, indent));
    const text = JSON.stringify(v, null, 2);
    write(indent === '' ? text : text.replace(/\n/g, `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return write('[]');
    for (let i = 0; i < v.length; i++) {
      write(i === 0 ? `[\n${inner}` : `,\n${inner}`);
      const x: unknown = v[i];
      if (isSkipped(x)) write('null');
      else writeValue(x, inner, depth + 1, write);
    }
    return write(`\n${indent}]`);
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[key];
    if (isSkipped(x)) continue;
    write(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    writeValue(x, inner, depth + 1, write);
  }
  write(first ? '{}' : `\n${indent}}`);
}

/** A non-empty plain array of plain arrays of two numbers (a series' `[time, value]` points). */
function isNumberPairs(v: unknown): v is Array<[number, number]> {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const p of v as unknown[])
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      Object.getPrototypeOf(p) !== Array.prototype
    )
      return false;
  return Object.getPrototypeOf(v) === Array.prototype && !('toJSON' in v);
}

/**
 * pairsText is JSON.stringify(pairs, null, 2) with `indent` after each line break (what the
 * general branch of writeValue writes), built directly: no indented text re-scanned by a regex.
 */
function pairsText(pairs: ReadonlyArray<readonly [number, number]>, indent: string): string {
  const open = `\n${indent}  [\n${indent}    `;
  const mid = `,\n${indent}    `;
  const close = `\n${indent}  ]`;
  let out = '[';
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    out += `${i === 0 ? '' : ','}${open}${numberText(p[0])}${mid}${numberText(p[1])}${close}`;
  }
  return `${out}\n${indent}]`;
}

/** A number as JSON.stringify writes it (null for NaN and the infinities). */
function numberText(x: number): string {
  if (x >= 2 ** 31 && x < 1e15 && Number.isInteger(x)) return wholeText(x);
  return Number.isFinite(x) ? String(x) : 'null';
}

/** Zeros that pad the low six digits of wholeText, by how many digits they lack. */
const ZEROS = ['', '0', '00', '000', '0000', '00000'];

/**
 * wholeText is String(x) for a whole x in [2^31, 1e15) (an epoch-ms time of a point), written as
 * two integers below 1e9, whose digits V8 makes without its shortest-double search (~5x faster).
 */
function wholeText(x: number): string {
  const high = Math.floor(x / 1e6);
  const low = String(x - high * 1e6);
  return `${high}${ZEROS[6 - low.length]}${low}`;
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function isSkipped(x: unknown): boolean {
  return x === undefined || typeof x === 'function' || typeof x === 'symbol';
}

/** A plain object or array without toJSON: written member by member. */
function isPlainContainer(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
