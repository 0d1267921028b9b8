/**
 * Flows in the generator against a real loopback server that has users, sessions and owned
 * items: login -> create -> read. Each instance's captures and cookies are its own, so no read
 * picks another user's item (the scenario of issue 10: 350 of 410 reads were 403 with a shared
 * pool). Open model: arrivals are iterations; closed model: each user loops over its flow.
 * Needs `npm run build` first (worker threads run dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { profileFrom } from '../helpers/run-profile.js';
import { runGenerator } from './run-generator.js';

let server: TestServer;
let forbidden = 0;
let noCookie = 0;
beforeAll(async () => {
  let users = 0;
  let items = 0;
  const owner = new Map<string, string>();
  server = await startTestServer((req, res) => {
    const sid = /sid=(u\d+)/.exec(req.headers.cookie ?? '')?.[1];
    const json = (status: number, body: unknown, headers = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    if (req.url === '/login') {
      const user = `u${++users}`;
      return json(200, { user }, { 'set-cookie': `sid=${user}; Path=/; HttpOnly` });
    }
    if (!sid) {
      noCookie++;
      return json(401, { message: 'log in first' });
    }
    if (req.method === 'POST' && req.url === '/items') {
      const id = `i${++items}`;
      owner.set(id, sid);
      return json(201, { id }, { location: `/items/${id}` });
    }
    // GET /where?loc=<the location header of a create, URI-encoded by the template>
    const loc = new URL(req.url ?? '/', 'http://x').searchParams.get('loc');
    const id = /^\/items\/(i\d+)$/.exec(loc ?? req.url ?? '')?.[1];
    if (id && owner.get(id) === sid) return json(200, { id, owner: sid });
    forbidden++;
    return json(403, { message: 'not yours' });
  });
});
afterAll(async () => {
  await server.close();
});

const flowProfile = (load: string) =>
  profileFrom(`
load: ${load}
flows:
  - name: session
    steps:
      - { name: login, method: POST, path: /login, expect: { status: 200 } }
      - name: create
        method: POST
        path: /items
        capture: { itemId: $.id, where: { header: location } }
        expect: { status: 201 }
      - { name: read, path: '/items/{{itemId}}', expect: { status: 200, json: { $.id: exists } }, think: 20ms }
      - { name: again, path: '/where?loc={{where}}', expect: { status: 200 } }
`);

describe('flows in the generator', () => {
  it('open model: 60 arrivals are 60 iterations, each reading only its own item with its own cookie', async () => {
    forbidden = 0;
    noCookie = 0;
    const { record } = await runGenerator(
      flowProfile('{ phases: [ { duration: 2s, rate: 30 } ] }'),
      server.url,
    );
    expect(record.flows?.[0]).toMatchObject({
      name: 'session',
      iterations: 60,
      completed: 60,
      abandoned: 0,
      dropped: 0,
      failed: 0,
      checks: { passed: 300, failed: 0 },
    });
    for (const step of ['login', 'create', 'read', 'again'])
      expect(record.byRequest[`session.${step}`].sent).toBe(60);
    expect(forbidden).toBe(0);
    expect(noCookie).toBe(0);
    expect(record.checks?.failed).toBe(0);
    expect(record.flows?.[0].durationMs?.count).toBe(60);
  });

  it('closed model: each of 3 users loops over its flow; every step is sent once an iteration', async () => {
    forbidden = 0;
    const { record } = await runGenerator(
      flowProfile('{ model: closed, phases: [ { duration: 2s, users: 3 } ] }'),
      server.url,
    );
    const flow = record.flows?.[0];
    expect(flow?.iterations).toBeGreaterThan(3);
    expect(flow?.completed).toBe(flow?.iterations);
    for (const step of ['login', 'create', 'read', 'again'])
      expect(record.byRequest[`session.${step}`].sent).toBe(flow?.iterations);
    expect(forbidden).toBe(0);
  });

  it('maxInFlight counts flow instances: a cap of 2 drops arrivals while 2 instances think', async () => {
    const { record } = await runGenerator(
      profileFrom(`
load: { maxInFlight: 2, phases: [ { duration: 1s, rate: 20 } ] }
flows:
  - name: slow
    steps:
      - { name: login, method: POST, path: /login, think: 2s }
      - { name: again, method: POST, path: /login }
`),
      server.url,
      { workers: 1 },
    );
    const flow = record.flows?.[0];
    expect(flow?.iterations).toBe(2);
    expect(flow?.dropped).toBe(18);
    expect(record.totals.dropped).toBe(18);
    expect(record.byRequest['slow.again'].sent).toBe(2);
  });
});
