/**
 * compileJsonFields: for a JSON body that is a flat object of generated strings (the notes API's
 * `{ title: '{{words 3}}', body: '{{text 400}}' }`), a renderer of the object itself rather than
 * its text, for simulate: the handler then reads the fields without parsing a JSON text per
 * request, and a `{{text n}}` value stays a cheap slice of the lorem text in the note store.
 *
 * The contract, for a template `j` it accepts: `render(ctx)` makes the same random draws in the
 * same order as `compileJson(j)(ctx)`, and returns `value` equal to `JSON.parse` of that text,
 * `textLength` its length in UTF-16 units and `bytes` its UTF-8 length (`Buffer.byteLength`).
 * That holds because every value renders only literal text that JSON writes without escapes and
 * placeholders that produce plain ASCII (words, text, int, uuid): the text is then exactly
 * `{"k":"v",...}` with the keys in Object.entries order, which is compileJson's. Pure.
 */
import type { JsonTemplate, Template, TemplatePart } from '../profile/types.js';
import { renderTemplate, type RenderContext } from './render-template.js';

/**
 * A rendered flat JSON object body: one object a renderer (and one `value`), refilled by each of
 * its renders: read it at once, keep nothing of it but its strings.
 */
export interface JsonFields {
  /** The object JSON.parse reads from the body text. */
  value: Record<string, string>;
  /** Length of the body text (UTF-16 code units, as `text.length`). */
  textLength: number;
  /** UTF-8 length of the body text. */
  bytes: number;
}

const ASCII_PARTS = new Set<TemplatePart['kind']>(['uuid', 'int', 'words', 'text-lorem']);

/** compileJsonFields returns the renderer of `j`, or undefined when `j` is not such an object. */
export function compileJsonFields(
  j: JsonTemplate | undefined,
): ((ctx: RenderContext) => JsonFields) | undefined {
  if (j === undefined || j === null || typeof j !== 'object' || Array.isArray(j)) return undefined;
  if (isTemplate(j)) return undefined;
  const entries = Object.entries(j);
  if (entries.length === 0) return undefined;
  const keys: string[] = [];
  const templates: Template[] = [];
  // `{`, `}`, the commas, and per entry the quoted key, `:` and the value's two quotes.
  let fixedLength = 2 + (entries.length - 1);
  let fixedExtraBytes = 0;
  for (const [k, v] of entries) {
    if (k === '__proto__' || v === null || typeof v !== 'object' || Array.isArray(v))
      return undefined;
    if (!isTemplate(v) || !v.parts.every(isPlainPart)) return undefined;
    const quotedKey = JSON.stringify(k);
    fixedLength += quotedKey.length + 1 + 2;
    fixedExtraBytes += Buffer.byteLength(quotedKey) - quotedKey.length;
    for (const p of v.parts)
      if (p.kind === 'text') fixedExtraBytes += Buffer.byteLength(p.text) - p.text.length;
    keys.push(k);
    templates.push(v);
  }
  const out: JsonFields = { value: {}, textLength: 0, bytes: 0 };
  return (ctx) => {
    let textLength = fixedLength;
    for (let i = 0; i < keys.length; i++) {
      const s = renderTemplate(templates[i], ctx);
      out.value[keys[i]] = s;
      textLength += s.length;
    }
    out.textLength = textLength;
    out.bytes = textLength + fixedExtraBytes;
    return out;
  };
}

/** A part JSON writes without escapes: a literal that needs none, or an ASCII placeholder. */
function isPlainPart(p: TemplatePart): boolean {
  if (p.kind === 'text') return JSON.stringify(p.text) === `"${p.text}"`;
  return ASCII_PARTS.has(p.kind);
}

function isTemplate(j: object): j is Template {
  return 'parts' in j && 'source' in j && Array.isArray((j as Template).parts);
}
