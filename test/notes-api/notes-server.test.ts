import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformModel } from '../../src/model/platform-model.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { createNotesServer, type NotesServer } from '../../src/notes-api/notes-server.js';

const clock = () => performance.timeOrigin + performance.now();
const FAST_ROUTES = Object.fromEntries(
  [
    'create',
    'read',
    'update',
    'delete',
    'list',
    'encrypt',
    'decrypt',
    'sentiment',
    'summarize',
  ].map((r) => [r, { serviceTime: '5ms' }]),
);

let running: NotesServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(block: Record<string, unknown> = {}, maxBodyBytes?: number): Promise<string> {
  const params = parseModelParams({
    routes: FAST_ROUTES,
    onDemand: { coldStart: '1ms' },
    ...block,
  });
  const model = createPlatformModel(params, { startMs: clock(), random: Math.random });
  running = createNotesServer(model, clock, { maxBodyBytes });
  return running.listen(0);
}

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

describe('notes API over HTTP', () => {
  it('creates, reads, updates, lists and deletes notes with the right status codes', async () => {
    const base = await start();
    const created = await call(base, 'POST', '/notes', { title: 'a', body: 'good day' });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await call(base, 'GET', `/notes/${id}`)).json).toMatchObject({
      id,
      title: 'a',
      body: 'good day',
    });
    const updated = await call(base, 'PUT', `/notes/${id}`, { title: 'b' });
    expect(updated).toMatchObject({ status: 200, json: { id, title: 'b', body: 'good day' } });
    for (let i = 0; i < 4; i++) await call(base, 'POST', '/notes', { title: `t${i}` });
    const page1 = await call(base, 'GET', '/notes?limit=3');
    expect(page1.json.items).toHaveLength(3);
    const page2 = await call(base, 'GET', `/notes?limit=3&cursor=${page1.json.nextCursor}`);
    expect(page2.json.items).toHaveLength(2);
    expect(page2.json.nextCursor).toBeNull();
    const deleted = await call(base, 'DELETE', `/notes/${id}`);
    expect(deleted.status).toBe(204);
    expect((await call(base, 'GET', `/notes/${id}`)).status).toBe(404);
    expect((await call(base, 'DELETE', `/notes/${id}`)).status).toBe(404);
  });

  it('encrypts with AES-GCM and decrypts back to the original text', async () => {
    const base = await start();
    const { json } = await call(base, 'POST', '/notes', {
      title: 'secret',
      body: 'the plan is great',
    });
    const enc = await call(base, 'POST', `/notes/${json.id}/encrypt`);
    expect(enc).toMatchObject({ status: 200, json: { encrypted: true, algorithm: 'AES-256-GCM' } });
    const stored = await call(base, 'GET', `/notes/${json.id}`);
    const storedBody = String(stored.json.body);
    expect(storedBody).not.toContain('plan');
    expect(storedBody.split('.')).toHaveLength(3);
    expect((await call(base, 'POST', `/notes/${json.id}/encrypt`)).status).toBe(409);
    const dec = await call(base, 'POST', `/notes/${json.id}/decrypt`);
    expect(dec).toMatchObject({ status: 200, json: { body: 'the plan is great' } });
    expect((await call(base, 'POST', `/notes/${json.id}/decrypt`)).status).toBe(409);
  });

  it('analyses sentiment and summarizes', async () => {
    const base = await start();
    const { json } = await call(base, 'POST', '/notes', {
      title: 'x',
      body: 'A great, wonderful day. Then more text follows here.',
    });
    const s = await call(base, 'POST', `/notes/${json.id}/sentiment`);
    expect(s.json).toMatchObject({ label: 'positive' });
    const sum = await call(base, 'POST', `/notes/${json.id}/summarize`);
    expect(sum.status).toBe(200);
    expect(sum.json.summary).toContain('great');
  });

  it('answers malformed and unknown requests with 4xx', async () => {
    const base = await start({}, 1024);
    expect((await call(base, 'POST', '/notes', '{not json')).status).toBe(400);
    expect((await call(base, 'POST', '/notes', '[1,2]')).status).toBe(400);
    expect((await call(base, 'POST', '/notes', { title: 5 })).status).toBe(400);
    expect((await call(base, 'GET', '/notes?limit=0')).status).toBe(400);
    expect((await call(base, 'GET', '/nope')).status).toBe(404);
    expect((await call(base, 'POST', '/notes/n1/frobnicate')).status).toBe(404);
    // A 405 says which methods the path takes (RFC 9110 §15.5.6).
    for (const [method, path, allow] of [
      ['PATCH', '/notes/n1', 'GET, PUT, DELETE'],
      ['DELETE', '/notes', 'GET, POST'],
      ['GET', '/notes/n1/encrypt', 'POST'],
    ]) {
      const reply = await call(base, method, path);
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe(allow);
    }
    expect((await call(base, 'POST', '/notes', { body: 'x'.repeat(5000) })).status).toBe(413);
    // The server is still there afterwards.
    expect((await call(base, 'POST', '/notes', { title: 'ok' })).status).toBe(201);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const base = await start({}, 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/notes`, { method: 'POST' }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write('x'.repeat(800));
      req.write('x'.repeat(800));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('throttles with 429 TooManyRequestsException when the model says so', async () => {
    const base = await start({ onDemand: { reservedConcurrency: { 'notes-read': 0 } } });
    const res = await call(base, 'GET', '/notes/n1');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(res.json.reason).toBe('reserved-concurrency');
    const state = await call(base, 'GET', '/_model/state');
    expect(state.json.functions['notes-read'].throttles).toBe(1);
    expect(typeof state.json.at).toBe('string');
  });

  it('survives an overload burst: every request gets an answer, excess ones 429', async () => {
    const base = await start({
      onDemand: { accountConcurrency: 150, coldStart: '1ms' },
      routes: { ...FAST_ROUTES, create: { serviceTime: '300ms' } },
    });
    const statuses = await Promise.all(
      Array.from({ length: 400 }, () =>
        call(base, 'POST', '/notes', { title: 't' }).then((r) => r.status),
      ),
    );
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(count(201) + count(429)).toBe(400);
    expect(count(429)).toBeGreaterThan(0);
    expect(count(201)).toBeGreaterThan(0);
    const state = await call(base, 'GET', '/_model/state');
    expect(state.json.functions['notes-create'].throttles).toBe(count(429));
    expect(state.json.functions['notes-create'].invocations).toBe(count(201));
  });
});
