/**
 * Reads the text of a profile into plain data: YAML (JSON is YAML too), or strict JSON when the
 * source ends in `.json`. Syntax errors become issues naming line and column
 * (`line 2, column 9: ...`); the caller prefixes the file. Pure.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../errors.js';

/** Plain data, or the syntax issues that stopped reading. */
export type DocumentResult = { ok: true; data: unknown } | { ok: false; issues: Issue[] };

/** Parses `text`; `source` decides JSON (`*.json`) or YAML. Never throws. */
export function readDocument(text: string, source: string): DocumentResult {
  return source.toLowerCase().endsWith('.json') ? readJson(text) : readYaml(text);
}

function readYaml(text: string): DocumentResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { path: '', message: `line ${line}, column ${col}: ${firstLine(error.message)}` };
    });
    return { ok: false, issues };
  }
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    // An alias bomb (aliases expanding to millions of nodes) stops at maxAliasCount.
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `cannot be read: ${message}`,
          hint: 'aliases (*name) may expand to at most 100 copies; write the values out',
        },
      ],
    };
  }
}

function readJson(text: string): DocumentResult {
  try {
    const data = JSON.parse(text) as unknown;
    const duplicates = duplicateJsonKeys(text);
    return duplicates.length > 0 ? { ok: false, issues: duplicates } : { ok: true, data };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineAndColumn(text, offset);
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^JSON\.parse: /, '');
    return {
      ok: false,
      issues: [{ path: '', message: `line ${line}, column ${column}: ${reason}` }],
    };
  }
}

/**
 * duplicateJsonKeys: JSON.parse keeps the last of two equal keys without a word; this scan of
 * text that JSON.parse accepted finds them (one pass, strings and brackets only), so JSON
 * profiles are held to the same rule as YAML ones.
 */
function duplicateJsonKeys(text: string): Issue[] {
  const issues: Issue[] = [];
  const stack: Array<{ keys: Set<string>; expectKey: boolean } | null> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          const { line, column } = lineAndColumn(text, i);
          issues.push({
            path: '',
            message: `line ${line}, column ${column}: duplicate key "${key}"`,
            hint: 'each key may appear once in an object; JSON would silently keep the last',
          });
        }
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top) top.expectKey = true;
  }
  return issues;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
