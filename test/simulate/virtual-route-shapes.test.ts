import { describe, expect, it } from 'vitest';
import { CapturePool } from '../../src/mix/capture-pool.js';
import { prepareRequests } from '../../src/mix/prepared-request.js';
import type { RenderContext } from '../../src/mix/render-template.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { matchNotesRoute } from '../../src/notes-api/notes-routes.js';
import { shapedMatch, virtualRouteShapes } from '../../src/simulate/virtual-route-shapes.js';
import { profileFrom } from '../helpers/run-profile.js';

const PROFILE = `
name: shapes
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests:
  - { name: create, method: POST, path: /notes, json: { title: x }, capture: { noteId: $.id } }
  - { name: list, method: GET, path: '/notes?limit=20' }
  - { name: read, method: GET, path: '/notes/{{noteId}}' }
  - { name: remove, method: DELETE, path: '/notes/{{noteId}}' }
  - { name: encrypt, method: POST, path: '/notes/{{noteId}}/encrypt' }
  - { name: badAction, method: POST, path: '/notes/{{noteId}}/nope' }
  - { name: badMethod, method: PATCH, path: '/notes/{{noteId}}' }
  - { name: prefixed, method: GET, path: '/notes/x{{noteId}}' }
  - { name: inQuery, method: GET, path: '/notes?cursor={{noteId}}' }
  - { name: randomPath, method: GET, path: '/notes/{{uuid}}' }
  - { name: envPath, method: GET, path: '/{{env.BASE}}/{{noteId}}' }
`;

// Captured values a real reply could give, including ones that need percent-encoding.
const VALUES = ['n1', 'n123456', 'a/b', 'a?b=c', '%41', 'é ü', 'notes', '..', ' '];

describe('virtualRouteShapes', () => {
  const profile = profileFrom(PROFILE);
  const env = { BASE: 'notes' };
  const requests = prepareRequests(profile, 'http://simulated.invalid', env, 1000);
  const shapes = virtualRouteShapes(profile.requests, requests, env);
  const byName = Object.fromEntries(profile.requests.map((r, i) => [r.name, shapes[i]]));

  it('finds a fixed route only where every rendering matches the same route', () => {
    expect(byName.randomPath).toBeUndefined();
    expect(byName.inQuery).toBeUndefined();
    expect(byName.prefixed).toBeUndefined();
    expect(byName.list).toMatchObject({ idVar: undefined, query: 'limit=20' });
    expect(byName.read).toMatchObject({ idVar: 'noteId', match: { route: 'read' } });
    expect(byName.envPath).toMatchObject({ idVar: 'noteId', match: { route: 'read' } });
  });

  it('gives the match matchNotesRoute gives for the rendered path, for every value', () => {
    let checked = 0;
    for (const value of VALUES) {
      const random = createRandom(1);
      const captures = new CapturePool(random);
      captures.add('noteId', value);
      requests.forEach((req, i) => {
        const shape = shapes[i];
        if (!shape) return;
        const ctx: RenderContext = {
          random,
          captures,
          env,
          chosen: new Map(),
          consume: false,
        };
        const path = req.build(ctx).options.path;
        const q = path.indexOf('?');
        const expected = matchNotesRoute(
          req.build(ctx).options.method,
          q < 0 ? path : path.slice(0, q),
        );
        expect(shapedMatch(shape, ctx.chosen), `${req.name} ${value}`).toEqual(expected);
        expect(shape.query).toBe(q < 0 ? '' : path.slice(q + 1));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(VALUES.length * 5);
  });

  it('does not apply when the captured value is empty (the path loses a segment)', () => {
    expect(shapedMatch(byName.read!, new Map([['noteId', '']]))).toBeUndefined();
    expect(matchNotesRoute('GET', '/notes/')).toEqual({ route: 'list' });
  });
});
