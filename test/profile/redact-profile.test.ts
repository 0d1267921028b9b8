import { describe, expect, test } from 'vitest';
import { parseProfile } from '../../src/profile/parse-profile.js';
import { REDACTED, redactProfile } from '../../src/profile/redact-profile.js';

const text = `
name: r
load: { phases: [{ duration: 10s, rate: 5 }] }
headers:
  x-api-key: '{{env.NOTES_API_KEY}}'
  authorization: Bearer abc123
  x-trace: run-{{uuid}}
requests:
  - name: createNote
    method: POST
    path: /notes
    headers: { cookie: 'session={{env.SESSION}}', Authorization: literal-secret }
    json: { title: '{{words 3}}', n: 2, tags: ['{{env.TAG}}'] }
    capture: { noteId: $.id }
  - { name: getNote, path: '/notes/{{noteId}}', url: 'https://{{env.HOST}}/notes/{{noteId}}' }
`;
const env = {
  NOTES_API_KEY: 'key-value',
  SESSION: 'session-value',
  TAG: 'tag-value',
  HOST: 'h.example',
};

describe('redactProfile', () => {
  const profile = parseProfile(text, 'r.yaml', { baseDir: '.', env });
  const redacted = redactProfile(profile);
  const stored = JSON.stringify(redacted);

  test('stores templates as source text, so environment values never appear', () => {
    for (const value of Object.values(env)) expect(stored).not.toContain(value);
    expect(redacted.headers).toMatchObject({
      'x-api-key': '{{env.NOTES_API_KEY}}',
      'x-trace': 'run-{{uuid}}',
    });
    const [createNote, getNote] = redacted.requests as Array<Record<string, unknown>>;
    expect(createNote.json).toEqual({ title: '{{words 3}}', n: 2, tags: ['{{env.TAG}}'] });
    expect(getNote).toMatchObject({
      path: '/notes/{{noteId}}',
      url: 'https://{{env.HOST}}/notes/{{noteId}}',
      producer: 'createNote',
    });
  });

  test('replaces literal values of secret headers, whatever their case', () => {
    expect(stored).not.toContain('abc123');
    expect(stored).not.toContain('literal-secret');
    expect((redacted.headers as Record<string, string>).authorization).toBe(REDACTED);
    const [createNote] = redacted.requests as Array<{ headers: Record<string, string> }>;
    expect(createNote.headers).toEqual({
      cookie: 'session={{env.SESSION}}',
      Authorization: REDACTED,
    });
  });

  test('keeps the rest of the profile and does not touch the original', () => {
    expect(redacted).toMatchObject({
      name: 'r',
      source: 'r.yaml',
      platform: 'on-demand',
      load: profile.load,
      gates: [],
    });
    expect(profile.headers.authorization.source).toBe('Bearer abc123');
    expect(JSON.parse(stored)).toEqual(redacted); // JSON-ready
  });
});
