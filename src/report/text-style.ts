/**
 * textStyle: ANSI styling for the terminal renderers through Node's `util.styleText`, applied only
 * when the caller's colour decision (src/cli/color-decision.ts) said yes; otherwise the text is
 * returned unchanged, so uncoloured output never contains an escape sequence. Pure.
 */
import { styleText } from 'node:util';

/** The styles the reports use, named by meaning so every renderer colours a meaning alike. */
export type StyleName = 'bold' | 'dim' | 'header' | 'ok' | 'warn' | 'throttle' | 'bad';

const FORMATS: Record<StyleName, Parameters<typeof styleText>[0]> = {
  bold: 'bold',
  dim: 'dim',
  header: 'cyan',
  ok: 'green',
  warn: 'yellow',
  throttle: 'magenta',
  bad: 'red',
};

/** A styling function: `paint('bad', 'FAIL')`. */
export type Paint = (style: StyleName, text: string) => string;

/** textStyle returns a painter that styles when `color` is true and is the identity otherwise. */
export function textStyle(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  // validateStream: false: the decision is already made; styleText must not make a second one.
  return (style, text) => styleText(FORMATS[style], text, { validateStream: false });
}

/** ANSI_PATTERN matches every escape sequence the renderers can emit (for measuring widths). */
// eslint-disable-next-line no-control-regex
export const ANSI_PATTERN = /\u001b\[[0-9;]*[A-Za-z]/g;

/** visibleLength: the number of terminal columns `text` takes (escape sequences take none). */
export function visibleLength(text: string): number {
  return text.replace(ANSI_PATTERN, '').length;
}
