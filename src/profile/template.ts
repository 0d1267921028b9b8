/**
 * The template grammar of request paths, URLs, header values and bodies: literal text with
 * `{{...}}` placeholders. Parsing only; the generator renders. Pure.
 *
 *   {{uuid}}          a random UUID
 *   {{int a b}}       a random integer in [a, b]
 *   {{words n}}       n random words (n <= LIMITS.words)
 *   {{text n}}        about n characters of lorem text (n <= LIMITS.textLength)
 *   {{env.NAME}}      the environment variable NAME (a secret: never stored resolved)
 *   {{name}}          a variable captured from an earlier reply (`capture: { name: "$.id" }`)
 */
import type { Template, TemplatePart } from './types.js';
import { didYouMean } from './did-you-mean.js';
import { LIMITS, MAX_WORD_CHARS } from './limits.js';

/** Template function names and their argument counts, for messages and suggestions. */
export const TEMPLATE_FUNCTIONS: Readonly<Record<string, number>> = {
  uuid: 0,
  int: 2,
  words: 1,
  text: 1,
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTEGER = /^-?\d+$/;

/** The outcome of parseTemplate: a template, or a message saying what is wrong (and a hint). */
export type TemplateResult =
  { ok: true; template: Template } | { ok: false; message: string; hint?: string };

/**
 * Parses `source` into literal and placeholder parts. Never throws. A bare `{{name}}` that is not
 * a function is a captured variable; whether some request captures it is checked by the rules.
 * A `}}` without an opening `{{` is literal text.
 */
export function parseTemplate(source: string): TemplateResult {
  const parts: TemplatePart[] = [];
  const vars: string[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(index) });
      break;
    }
    if (open > index) parts.push({ kind: 'text', text: source.slice(index, open) });
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      return { ok: false, message: `unclosed "{{" in "${source}"`, hint: 'close it with "}}"' };
    }
    const placeholder = source.slice(open, close + 2);
    const part = parsePlaceholder(source.slice(open + 2, close).trim(), placeholder);
    if ('message' in part) return { ok: false, ...part };
    if (part.kind === 'var' && !vars.includes(part.name)) vars.push(part.name);
    parts.push(part);
    index = close + 2;
  }
  const rendered = parts.reduce(
    (n, p) =>
      n + (p.kind === 'words' ? p.count * MAX_WORD_CHARS : p.kind === 'text-lorem' ? p.length : 0),
    0,
  );
  if (rendered > LIMITS.templateChars)
    return {
      ok: false,
      message: `renders to up to ${rendered} characters; one template may render to at most ${LIMITS.templateChars}`,
      hint: 'use fewer or smaller {{text}} and {{words}}',
    };
  return { ok: true, template: { source, parts, vars } };
}

/** Thrown by compileTemplate; `hint` says what to do. */
export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Like parseTemplate, but throws TemplateSyntaxError. For callers outside profile parsing. */
export function compileTemplate(source: string): Template {
  const result = parseTemplate(source);
  if (!result.ok) throw new TemplateSyntaxError(result.message, result.hint);
  return result.template;
}

/** A template of literal text only (no placeholders), e.g. a default path. */
export function literalTemplate(text: string): Template {
  return { source: text, parts: text === '' ? [] : [{ kind: 'text', text }], vars: [] };
}

type PlaceholderResult = TemplatePart | { message: string; hint?: string };

function parsePlaceholder(inner: string, placeholder: string): PlaceholderResult {
  const [name = '', ...args] = inner.split(/\s+/).filter((word) => word !== '');
  const where = `in "${placeholder}"`;
  if (name === '') return { message: `empty placeholder ${where}` };
  if (name.startsWith('env.')) {
    const envName = name.slice(4);
    if (!IDENTIFIER.test(envName) || args.length > 0) {
      return { message: `bad environment variable name ${where}`, hint: 'write {{env.NAME}}' };
    }
    return { kind: 'env', name: envName };
  }
  const arity = TEMPLATE_FUNCTIONS[name];
  if (arity === undefined) {
    if (args.length === 0 && IDENTIFIER.test(name)) return { kind: 'var', name };
    const hint = didYouMean(name, Object.keys(TEMPLATE_FUNCTIONS)) ?? functionList();
    return { message: `unknown template function "${name}" ${where}`, hint };
  }
  if (args.length !== arity) {
    const expected = arity === 0 ? 'no arguments' : `${arity} argument${arity > 1 ? 's' : ''}`;
    return {
      message: `"${name}" takes ${expected}, got ${args.length} ${where}`,
      hint: usage(name),
    };
  }
  if (!args.every((arg) => INTEGER.test(arg))) {
    return { message: `"${name}" takes integer arguments ${where}`, hint: usage(name) };
  }
  return functionPart(name, args.map(Number), where);
}

function functionPart(name: string, args: number[], where: string): PlaceholderResult {
  switch (name) {
    case 'uuid':
      return { kind: 'uuid' };
    case 'int':
      if (args[0] > args[1])
        return { message: `"int" needs min <= max ${where}`, hint: usage(name) };
      return { kind: 'int', min: args[0], max: args[1] };
    case 'words':
      if (args[0] < 1) return { message: `"words" needs a count >= 1 ${where}` };
      if (args[0] > LIMITS.words)
        return { message: `"words" takes at most ${LIMITS.words} words ${where}` };
      return { kind: 'words', count: args[0] };
    default:
      if (args[0] < 1) return { message: `"text" needs a length >= 1 ${where}` };
      if (args[0] > LIMITS.textLength)
        return { message: `"text" takes at most ${LIMITS.textLength} characters ${where}` };
      return { kind: 'text-lorem', length: args[0] };
  }
}

function usage(name: string): string {
  const forms: Record<string, string> = {
    uuid: '{{uuid}}',
    int: '{{int 1 100}}',
    words: '{{words 3}}',
    text: '{{text 400}}',
  };
  return `write ${forms[name]}`;
}

function functionList(): string {
  return 'functions: uuid, int MIN MAX, words N, text N, env.NAME; a bare {{name}} reads a captured variable';
}
