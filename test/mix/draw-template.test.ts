import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { CapturePool } from '../../src/mix/capture-pool.js';
import {
  drawTemplate,
  renderTemplate,
  resetChosen,
  type RenderContext,
} from '../../src/mix/render-template.js';
import { prepareRequests } from '../../src/mix/prepared-request.js';
import { parseProfile } from '../../src/profile/parse-profile.js';
import { createRandom } from '../../src/random/seeded-random.js';

const PROFILE = `
name: draw-template
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests:
  - { name: create, method: POST, path: /notes, capture: { noteId: $.id, other: $.title } }
  - { name: read, method: GET, path: '/notes/{{noteId}}' }
  - { name: remove, method: DELETE, path: '/notes/{{noteId}}/x/{{other}}' }
  - { name: mixed, method: GET, path: '/a/{{uuid}}/{{int 1 9}}/{{words 2}}/{{text 30}}/{{noteId}}/{{env.TOKEN}}' }
  - { name: fixed, method: GET, path: /notes }
`;

function context(seed: number, consume = false): RenderContext {
  const random = createRandom(seed);
  const captures = new CapturePool(random);
  for (let i = 1; i <= 5; i++) captures.add('noteId', `n${i}`);
  captures.add('other', 'o/1');
  return { random, captures, env: { TOKEN: 'tk' }, chosen: new Map(), consume };
}

describe('drawTemplate', () => {
  const profile = parseProfile(PROFILE, 'test.yaml', { baseDir: tmpdir(), env: { TOKEN: 'tk' } });

  it('draws what renderTemplate draws, in order, and chooses the same values', () => {
    for (const spec of profile.requests)
      for (let seed = 1; seed <= 30; seed++)
        for (const consume of [false, true]) {
          const a = context(seed, consume);
          const b = context(seed, consume);
          renderTemplate(spec.path, a);
          drawTemplate(spec.path, b);
          expect([...b.chosen], spec.name).toEqual([...a.chosen]);
          expect(b.random.uint32(), spec.name).toBe(a.random.uint32());
          expect(b.captures.take('noteId')).toBe(a.captures.take('noteId'));
        }
  });

  it('after resetChosen renders as after clear(): the same text, draws and choices', () => {
    for (const spec of profile.requests)
      for (let seed = 1; seed <= 10; seed++) {
        const a = context(seed);
        const b = context(seed);
        for (let i = 0; i < 3; i++) {
          a.chosen.clear();
          resetChosen(b.chosen);
          expect(renderTemplate(spec.path, b), spec.name).toBe(renderTemplate(spec.path, a));
          expect(b.random.uint32(), spec.name).toBe(a.random.uint32());
          expect(b.chosen.size).toBe(a.chosen.size);
        }
      }
  });

  it('leaves the path to virtualPath, which builds buildVirtual’s path without drawing again', () => {
    const requests = prepareRequests(profile, 'http://x.invalid', { TOKEN: 'tk' }, 1000);
    for (const req of requests.slice(1, 3))
      for (let seed = 1; seed <= 30; seed++) {
        const a = context(seed);
        const b = context(seed);
        const fullPath = req.buildVirtual(a).path;
        expect(req.buildVirtual(b, false).path).toBe('');
        expect(req.virtualPath(b)).toBe(fullPath);
        expect(b.random.uint32()).toBe(a.random.uint32());
      }
  });
});
