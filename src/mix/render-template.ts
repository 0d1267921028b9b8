/**
 * renderTemplate: turns a parsed template into text for one request. Called on the generator's
 * hot path; literal-only templates are resolved once by the caller (see isStaticTemplate).
 */
import type { JsonTemplate, Template } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { CaptureSource } from './capture-source.js';

/** What rendering may read: the run's random stream, captured values and the environment. */
export interface RenderContext {
  random: SeededRandom;
  captures: CaptureSource;
  env: Record<string, string>;
  /**
   * Captured values already chosen for this request (one id per request, used everywhere); a
   * name mapped to undefined is not chosen yet (see resetChosen).
   */
  chosen: Map<string, string | undefined>;
  /** DELETE requests consume the id they use (CapturePool.take). */
  consume: boolean;
}

const WORDS = (
  'note idea plan draft task list memo sketch meeting launch budget review design market ' +
  'customer release sprint server latency lambda cloud scale cost metric queue event stream ' +
  'cache region spike steady burst graph alpha beta gamma delta river mountain coffee paper ' +
  'window garden summer winter orange silver quick bright quiet gentle happy careful'
).split(' ');

/** isStaticTemplate tells whether a template renders to the same text every time. */
export function isStaticTemplate(t: Template): boolean {
  return t.parts.every((p) => p.kind === 'text' || p.kind === 'env');
}

/** isStaticJson tells whether a JSON template has no dynamic leaf. */
export function isStaticJson(j: JsonTemplate | undefined): boolean {
  if (j === undefined || j === null || typeof j !== 'object') return true;
  if (Array.isArray(j)) return j.every(isStaticJson);
  if (isTemplate(j)) return isStaticTemplate(j);
  return Object.values(j).every(isStaticJson);
}

function isTemplate(j: object): j is Template {
  return 'parts' in j && 'source' in j && Array.isArray((j as Template).parts);
}

/** renderTemplate renders one template (mutates ctx.chosen and the random stream). */
export function renderTemplate(t: Template, ctx: RenderContext): string {
  if (t.parts.length === 1 && t.parts[0].kind === 'text') return t.parts[0].text;
  let out = '';
  for (const p of t.parts) {
    switch (p.kind) {
      case 'text':
        out += p.text;
        break;
      case 'uuid':
        out += uuid(ctx.random);
        break;
      case 'int':
        out += String(ctx.random.int(p.min, p.max));
        break;
      case 'words':
        out += words(ctx.random, p.count);
        break;
      case 'text-lorem':
        out += lorem(ctx.random, p.length);
        break;
      case 'env':
        out += ctx.env[p.name] ?? '';
        break;
      case 'var':
        out += chooseVar(p.name, ctx);
        break;
    }
  }
  return out;
}

/**
 * drawTemplate makes the random draws and ctx.chosen updates that renderTemplate(t, ctx) makes,
 * in the same order, without building the text (simulate, for a path whose route is known).
 */
export function drawTemplate(t: Template, ctx: RenderContext): void {
  for (const p of t.parts) {
    switch (p.kind) {
      case 'uuid':
        uuid(ctx.random);
        break;
      case 'int':
        ctx.random.int(p.min, p.max);
        break;
      case 'words':
        words(ctx.random, p.count);
        break;
      case 'text-lorem':
        lorem(ctx.random, p.length);
        break;
      case 'var':
        chosenValue(p.name, ctx);
        break;
    }
  }
}

/**
 * resetChosen makes every name of `chosen` not chosen, as clear() does for renderTemplate and
 * drawTemplate, without allocating (clear() makes a new table): the names stay, mapped to
 * undefined. For a caller that renders many requests with one context (the sender, simulate).
 */
export function resetChosen(chosen: Map<string, string | undefined>): void {
  if (chosen.size > 0) chosen.forEach(unsetChosen);
}

function unsetChosen(_value: string | undefined, name: string, chosen: Map<string, unknown>) {
  chosen.set(name, undefined);
}

/** renderJson renders a JSON template to a JSON string. */
export function renderJson(j: JsonTemplate, ctx: RenderContext): string {
  return JSON.stringify(toValue(j, ctx));
}

/**
 * compileJson turns a JSON template into a renderer equal to `renderJson(j, ctx)` (same text, same
 * random draws in the same order) that writes the JSON text directly: no intermediate object and
 * no generic JSON.stringify walk per request. Leaves render in Object.entries order, which is
 * also the order JSON.stringify writes the keys of renderJson's object.
 */
export function compileJson(j: JsonTemplate): (ctx: RenderContext) => string {
  const hasProtoKey = (v: JsonTemplate): boolean =>
    v !== null &&
    typeof v === 'object' &&
    (Array.isArray(v)
      ? v.some(hasProtoKey)
      : !isTemplate(v) && Object.entries(v).some(([k, x]) => k === '__proto__' || hasProtoKey(x)));
  if (hasProtoKey(j)) return (ctx) => renderJson(j, ctx);
  return compileValue(j);
}

function compileValue(j: JsonTemplate): (ctx: RenderContext) => string {
  if (j === null || typeof j !== 'object') {
    const text = JSON.stringify(j);
    return () => text;
  }
  if (!Array.isArray(j) && isTemplate(j)) {
    if (isStaticTemplate(j) && !j.parts.some((p) => p.kind === 'env'))
      return constant(JSON.stringify(renderStaticText(j)));
    // Generated parts (words, text, int, uuid) are plain ASCII: quoting them needs no escaping.
    if (j.parts.every((p) => p.kind !== 'env' && p.kind !== 'var' && isPlainText(p)))
      return (ctx) => `"${renderTemplate(j, ctx)}"`;
    return (ctx) => JSON.stringify(renderTemplate(j, ctx));
  }
  const entries = Array.isArray(j)
    ? j.map((v) => ['', compileValue(v)] as const)
    : Object.entries(j).map(([k, v]) => [`${JSON.stringify(k)}:`, compileValue(v)] as const);
  const [open, close] = Array.isArray(j) ? ['[', ']'] : ['{', '}'];
  return (ctx) => {
    let out = open;
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) out += ',';
      out += entries[i][0] + entries[i][1](ctx);
    }
    return out + close;
  };
}

/** True for a part whose text JSON.stringify would only wrap in quotes (no escapes). */
function isPlainText(p: Template['parts'][number]): boolean {
  return p.kind !== 'text' || JSON.stringify(p.text) === `"${p.text}"`;
}

function constant(text: string): () => string {
  return () => text;
}

function renderStaticText(t: Template): string {
  let out = '';
  for (const p of t.parts) if (p.kind === 'text') out += p.text;
  return out;
}

function toValue(j: JsonTemplate, ctx: RenderContext): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map((v) => toValue(v, ctx));
  if (isTemplate(j)) return renderTemplate(j, ctx);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(j)) out[k] = toValue(v, ctx);
  return out;
}

function chooseVar(name: string, ctx: RenderContext): string {
  return encodeComponent(chosenValue(name, ctx));
}

/** The captured value of `name` for this request, drawn (and kept in ctx.chosen) on first use. */
function chosenValue(name: string, ctx: RenderContext): string {
  let v = ctx.chosen.get(name);
  if (v === undefined) {
    v = (ctx.consume ? ctx.captures.take(name) : ctx.captures.pick(name)) ?? '';
    ctx.chosen.set(name, v);
  }
  return v;
}

/**
 * encodeComponent is encodeURIComponent(v), returning `v` itself when no character needs escaping
 * (captured ids such as `n123` or UUIDs: no new string per request).
 */
function encodeComponent(v: string): string {
  for (let i = 0; i < v.length; i++)
    if (!isUnreserved(v.charCodeAt(i))) return encodeURIComponent(v);
  return v;
}

/** The characters encodeURIComponent leaves alone: A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
function isUnreserved(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 95 ||
    c === 46 ||
    c === 33 ||
    c === 126 ||
    c === 42 ||
    c === 39 ||
    c === 40 ||
    c === 41
  );
}

const HEX = '0123456789abcdef';

function uuid(random: SeededRandom): string {
  let s = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-';
    else if (i === 14) s += '4';
    else if (i === 19) s += HEX[8 + (random.uint32() & 3)];
    else s += HEX[random.uint32() & 15];
  }
  return s;
}

function words(random: SeededRandom, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[random.uint32() % WORDS.length]);
  return out.join(' ');
}

/** A fixed stretch of seeded lorem text; `{{text n}}` is a random window of it (no per-word work). */
const LOREM = (() => {
  let s = '';
  for (let i = 0; s.length < 16_384; i++)
    s += (s ? ' ' : '') + WORDS[(i * 7919 + (i >> 3)) % WORDS.length];
  return s;
})();

function lorem(random: SeededRandom, length: number): string {
  if (length <= 0) return '';
  let out = '';
  while (out.length < length) {
    const want = Math.min(length - out.length, LOREM.length);
    const start = random.uint32() % (LOREM.length - want + 1);
    out += LOREM.slice(start, start + want);
  }
  return out;
}
