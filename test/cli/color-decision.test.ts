import { describe, expect, it } from 'vitest';
import { colorDecision } from '../../src/cli/color-decision.js';

describe('colorDecision', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    ['a terminal', tty, {}, undefined, true],
    ['a pipe', pipe, {}, undefined, false],
    ['--no-color on a terminal', tty, {}, false, false],
    ['--no-color beats FORCE_COLOR', tty, { FORCE_COLOR: '1' }, false, false],
    ['NO_COLOR=1 on a terminal', tty, { NO_COLOR: '1' }, undefined, false],
    ['NO_COLOR empty is not set', tty, { NO_COLOR: '' }, undefined, true],
    ['FORCE_COLOR=1 on a pipe', pipe, { FORCE_COLOR: '1' }, undefined, true],
    ['FORCE_COLOR empty on a pipe', pipe, { FORCE_COLOR: '' }, undefined, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, undefined, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, undefined, false],
    [
      'FORCE_COLOR beats NO_COLOR (as in Node)',
      pipe,
      { FORCE_COLOR: '1', NO_COLOR: '1' },
      undefined,
      true,
    ],
    ['TERM=dumb', tty, { TERM: 'dumb' }, undefined, false],
  ] as const)('%s', (_name, stream, env, flag, expected) => {
    expect(colorDecision(stream, env, flag)).toBe(expected);
  });
});
