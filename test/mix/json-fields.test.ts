import { describe, expect, it } from 'vitest';
import { CapturePool } from '../../src/mix/capture-pool.js';
import { compileJsonFields } from '../../src/mix/json-fields.js';
import { compileJson, type RenderContext } from '../../src/mix/render-template.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { tmpdir } from 'node:os';
import { parseProfile } from '../../src/profile/parse-profile.js';

// Flat objects of generated strings (accepted) and every shape that is not (rejected).
const PROFILE = `
name: json-fields
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests:
  - name: notes
    method: POST
    path: /notes
    json: { title: '{{words 3}}', body: '{{text 400}}' }
    capture: { noteId: $.id }
  - name: mixed
    method: POST
    path: /x
    json: { "2": 'n {{int -5 5}}', "1": '{{uuid}}', café: 'déjà {{words 2}} vu', fixed: literal }
  - { name: escape, method: POST, path: /x, json: { a: 'say "hi"' } }
  - { name: env, method: POST, path: /x, json: { a: '{{env.TOKEN}}' } }
  - { name: var, method: POST, path: /x, json: { a: '{{noteId}}' } }
  - { name: number, method: POST, path: /x, json: { a: '{{words 1}}', n: 1 } }
  - { name: nested, method: POST, path: /x, json: { a: { b: '{{words 1}}' } } }
  - { name: array, method: POST, path: /x, json: [ '{{words 1}}' ] }
  - { name: string, method: POST, path: /x, json: '{{words 1}}' }
  - { name: empty, method: POST, path: /x, json: {} }
`;

function context(seed: number): RenderContext {
  const random = createRandom(seed);
  const captures = new CapturePool(random);
  captures.add('noteId', 'n1');
  return { random, captures, env: { TOKEN: 'tk' }, chosen: new Map(), consume: false };
}

describe('compileJsonFields', () => {
  const requests = parseProfile(PROFILE, 'test.yaml', {
    baseDir: tmpdir(),
    env: { TOKEN: 'tk' },
  }).requests;

  it('renders the object compileJson writes, with the same draws, its length and UTF-8 bytes', () => {
    for (const spec of requests.slice(0, 2)) {
      const fields = compileJsonFields(spec.json);
      expect(fields, spec.name).toBeDefined();
      const text = compileJson(spec.json ?? null);
      for (let seed = 1; seed <= 50; seed++) {
        const a = context(seed);
        const b = context(seed);
        const want = text(a);
        const got = fields?.(b);
        expect(got?.value).toEqual(JSON.parse(want));
        expect(got?.textLength).toBe(want.length);
        expect(got?.bytes).toBe(Buffer.byteLength(want));
        // Same draws in the same order: both streams are at the same place afterwards.
        expect(b.random.uint32()).toBe(a.random.uint32());
      }
    }
  });

  it('refuses bodies that need escapes, read the environment or captures, or are not flat objects', () => {
    for (const spec of requests.slice(2))
      expect(compileJsonFields(spec.json), spec.name).toBeUndefined();
    expect(compileJsonFields(undefined)).toBeUndefined();
  });
});
