import { describe, expect, test } from 'vitest';
import { compileTemplate, parseTemplate, TemplateSyntaxError } from '../../src/profile/template.js';
import type { TemplatePart } from '../../src/profile/types.js';

describe('parseTemplate: accepted', () => {
  // [source, parts]
  const cases: Array<[string, TemplatePart[]]> = [
    ['/notes', [{ kind: 'text', text: '/notes' }]], // literal only
    ['', []], // empty string: no parts
    ['{{uuid}}', [{ kind: 'uuid' }]],
    ['{{ uuid }}', [{ kind: 'uuid' }]], // blanks inside braces
    ['{{int 1 100}}', [{ kind: 'int', min: 1, max: 100 }]],
    ['{{int -5 5}}', [{ kind: 'int', min: -5, max: 5 }]], // negative bounds
    ['{{words 3}}', [{ kind: 'words', count: 3 }]],
    ['{{text 400}}', [{ kind: 'text-lorem', length: 400 }]], // text is lorem of n characters
    ['{{env.API_KEY}}', [{ kind: 'env', name: 'API_KEY' }]],
    ['{{noteId}}', [{ kind: 'var', name: 'noteId' }]], // a bare name is a captured variable
    [
      '/notes/{{noteId}}/summarize',
      [
        { kind: 'text', text: '/notes/' },
        { kind: 'var', name: 'noteId' },
        { kind: 'text', text: '/summarize' },
      ],
    ],
    [
      'Bearer {{env.TOKEN}}',
      [
        { kind: 'text', text: 'Bearer ' },
        { kind: 'env', name: 'TOKEN' },
      ],
    ],
    ['a}}b', [{ kind: 'text', text: 'a}}b' }]], // a lone closing pair is text
  ];
  test.each(cases)('%j', (source, parts) => {
    const result = parseTemplate(source);
    expect(result).toEqual({ ok: true, template: { source, parts, vars: expect.any(Array) } });
  });

  test('lists each captured variable once, in order of first use', () => {
    expect(compileTemplate('{{b}}/{{a}}/{{b}}/{{uuid}}').vars).toEqual(['b', 'a']);
  });
});

describe('parseTemplate: rejected', () => {
  // [source, message fragment]
  const cases: Array<[string, string]> = [
    ['/notes/{{noteId', 'unclosed "{{" in "/notes/{{noteId"'], // never closed
    ['{{a {{b}}', 'unclosed "{{"'], // opened twice
    ['{{}}', 'empty placeholder in "{{}}"'],
    ['{{foo 3}}', 'unknown template function "foo" in "{{foo 3}}"'], // name with arguments
    ['{{uuid 1}}', '"uuid" takes no arguments, got 1'],
    ['{{int 1}}', '"int" takes 2 arguments, got 1'],
    ['{{words}}', '"words" takes 1 argument, got 0'],
    ['{{text a}}', '"text" takes integer arguments'],
    ['{{int 9 1}}', '"int" needs min <= max'],
    ['{{words 0}}', '"words" needs a count >= 1'],
    ['{{env.}}', 'bad environment variable name'],
    ['{{env.A-B}}', 'bad environment variable name'],
    ['{{note-id}}', 'unknown template function "note-id"'], // not an identifier
  ];
  test.each(cases)('%j', (source, fragment) => {
    const result = parseTemplate(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  test('suggests the closest function', () => {
    expect(parseTemplate('{{uuidd 1}}')).toMatchObject({ ok: false, hint: 'did you mean `uuid`?' });
  });

  test('compileTemplate throws TemplateSyntaxError with the hint', () => {
    expect(() => compileTemplate('{{int 1}}')).toThrow(TemplateSyntaxError);
    expect(() => compileTemplate('{{int 1}}')).toThrow('"int" takes 2 arguments');
  });
});
