// Issue 11 item 10: `/_model/*` answered 200 to any method; it is read-only: 405 with Allow.
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';

let running: NotesServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('/_model/* routes', () => {
  it('GET answers 200; POST, PUT, DELETE answer 405 with Allow: GET, HEAD', async () => {
    const clock = () => Date.now();
    const model = createPlatformModel(parseModelParams({}), {
      startMs: clock(),
      random: Math.random,
    });
    running = createNotesServer(model, clock, {});
    const base = await running.listen(0);
    for (const path of ['/_model/state', '/_model/series', '/_model/parameters']) {
      expect((await fetch(base + path)).status).toBe(200);
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await fetch(base + path, {
          method,
          body: method === 'DELETE' ? undefined : '{}',
        });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
        expect(((await res.json()) as { message: string }).message).toContain('use GET');
      }
    }
  });
});
