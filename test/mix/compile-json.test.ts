import { describe, expect, it } from 'vitest';
import { CapturePool } from '../../src/mix/capture-pool.js';
import { compileJson, renderJson, type RenderContext } from '../../src/mix/render-template.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { profileFrom } from '../helpers/run-profile.js';

// JSON bodies with every kind of leaf, keys JSON.stringify reorders (integer-like), escapes,
// environment values and captured variables.
const PROFILE = `
name: compile-json
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests:
  - name: a
    method: POST
    path: /notes
    json:
      title: '{{words 3}}'
      body: '{{text 40}}'
      "2": second
      "1": first
      quote: 'say "hi"\\n'
      env: '{{env.TOKEN}}'
      id: '{{noteId}}'
      n: 1.5
      flag: true
      none: null
      list: [ '{{int 1 9}}', 2, [ '{{uuid}}' ], {} ]
      nested: { deep: { x: 'é {{words 1}}' } }
  - { name: b, method: POST, path: /x, json: [ '{{words 2}}', null ], capture: { noteId: $.id } }
  - { name: c, method: POST, path: /x, json: 'only {{int 1 3}}' }
  - { name: d, method: POST, path: /x, json: 7 }
`;

function context(seed: number): RenderContext {
  const random = createRandom(seed);
  const captures = new CapturePool(random);
  captures.add('noteId', 'n/1');
  captures.add('noteId', 'n2');
  return { random, captures, env: { TOKEN: 't"k' }, chosen: new Map(), consume: false };
}

describe('compileJson', () => {
  it('renders the same text as renderJson, drawing the same random numbers', () => {
    for (const spec of profileFrom(PROFILE).requests) {
      const compiled = compileJson(spec.json ?? null);
      const a = context(9);
      const b = context(9);
      for (let i = 0; i < 50; i++) {
        a.chosen.clear();
        b.chosen.clear();
        expect(compiled(a), spec.name).toBe(renderJson(spec.json ?? null, b));
      }
      expect(a.random.next()).toBe(b.random.next());
    }
  });
});
