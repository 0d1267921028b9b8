/**
 * Profile errors of response checks, captures and flows: each names its path (exit 2 in the CLI,
 * see test/e2e/flow-cli.test.ts), and the normalized form of what parses.
 */
import { describe, expect, test } from 'vitest';
import { issuesOf, linesOf } from './profile-issues.js';
import { profileFrom } from '../helpers/run-profile.js';

const LOAD = 'load: { phases: [ { duration: 1s, rate: 1 } ] }\n';

describe('a load field of the other model beside a schema error', () => {
  test('both are reported at once', () => {
    const lines = linesOf(
      issuesOf(
        `load: { thinkTime: 5s, phases: [ { duration: 1s, rate: 1 } ] }\nrequests: [ { name: a, path: /x, method: FETCH } ]`,
      ),
    );
    expect(lines.some((l) => l.startsWith('load.thinkTime: only the closed model reads it'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('requests[0].method'))).toBe(true);
  });
});

describe('bad checks, captures and flows name their path', () => {
  test.each([
    [
      'an expect on an unknown field',
      `${LOAD}requests: [ { name: a, path: /x, expect: { stauts: 200 } } ]`,
      'requests[0].expect.stauts: unknown key (did you mean `status`?)',
    ],
    [
      'a status that is no status',
      `${LOAD}requests: [ { name: a, path: /x, expect: { status: 2x } } ]`,
      'requests[0].expect.status',
    ],
    [
      'a header regex that does not compile',
      `${LOAD}requests: [ { name: a, path: /x, expect: { header: { x-a: "/(/" } } } ]`,
      'requests[0].expect.header.x-a: is not a regular expression',
    ],
    [
      'a capture regex that does not compile',
      `${LOAD}requests: [ { name: a, path: /x, capture: { id: { regex: "id=(\\\\w+" } } } ]`,
      'requests[0].capture.id.regex: does not compile',
    ],
    [
      'a capture JSONPath that does not parse',
      `${LOAD}requests: [ { name: a, path: /x, capture: { id: "$[(" } } ]`,
      'requests[0].capture.id: is not a JSONPath',
    ],
    [
      'a flow step naming a variable no earlier step captures',
      `${LOAD}flows:
  - name: crud
    steps:
      - { name: read, path: '/notes/{{noteId}}' }
      - { name: create, method: POST, path: /notes, capture: { noteId: $.id } }`,
      'flows[0].steps[0].path: reads "{{noteId}}", but no earlier step of flow "crud" captures "noteId"',
    ],
    [
      'a step reading a variable captured by another flow',
      `${LOAD}flows:
  - { name: a, steps: [ { name: make, method: POST, path: /notes, capture: { id: $.id } } ] }
  - { name: b, steps: [ { name: read, path: '/notes/{{id}}' } ] }`,
      'flows[1].steps[0].path: reads "{{id}}", but no earlier step of flow "b" captures "id"',
    ],
    [
      'duplicate step names',
      `${LOAD}flows: [ { name: f, steps: [ { name: s, path: /a }, { name: s, path: /b } ] } ]`,
      'flows[0].steps[1].name: "s" is already the name of flows[0].steps[0]',
    ],
    [
      'an unknown key in a step',
      `${LOAD}flows: [ { name: f, steps: [ { name: s, path: /a, weight: 2 } ] } ]`,
      'flows[0].steps[0].weight: unknown key',
    ],
    ['neither requests nor flows', LOAD, 'requests: needs requests or flows'],
    [
      'a capture group the regex does not have',
      `${LOAD}requests: [ { name: a, path: /x, capture: { id: { regex: "id=\\\\w+" } } } ]`,
      'requests[0].capture.id.group: is 1, but the regex has 0 capture groups',
    ],
    [
      'a gate naming no flow',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ 'checks.failure_rate{flow=nope} < 1%' ]`,
      'gates[0]: no flow is named "nope"',
    ],
    [
      'a fail-fast gate on checks',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ { expr: 'checks.failure_rate < 1%', abortOnFail: true } ]`,
      'gates[0].abortOnFail: checks.failure_rate is judged after the run',
    ],
    [
      'a fail-fast gate on a platform series (the run so far has none)',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ { expr: 'lambda.throttles == 0', abortOnFail: true } ]`,
      'gates[0].abortOnFail: lambda.throttles is judged after the run',
    ],
    [
      'a fail-fast gate on one request (the run so far sums them)',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ { expr: 'http.p99{request=a} < 1s', abortOnFail: true } ]`,
      'gates[0].abortOnFail: a gate with {request=...} is judged after the run',
    ],
    [
      'a fail-fast gate on aborted requests (booked when the drain ends)',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ { expr: 'http.aborted == 0', abortOnFail: true } ]`,
      'gates[0].abortOnFail: http.aborted is judged after the run',
    ],
    [
      'a zipf exponent on a uniform tenant distribution',
      `${LOAD}requests: [ { name: a, path: /x } ]\ntenants: { count: 10, distribution: uniform, s: 3 }`,
      'tenants.s: is the zipf exponent; a uniform distribution has none',
    ],
    [
      'thinkTime in the open model',
      `load: { thinkTime: 5s, phases: [ { duration: 1s, rate: 1 } ] }\nrequests: [ { name: a, path: /x } ]`,
      'load.thinkTime: only the closed model reads it',
    ],
    [
      'poisson arrivals in the closed model',
      `load:\n  model: closed\n  arrivals: poisson\n  phases: [ { duration: 5s, users: 2 } ]\nrequests: [ { name: a, path: /x } ]`,
      'load.arrivals: the closed model does not read it',
    ],
    [
      'maxLateness in the closed model',
      `load:\n  model: closed\n  maxLateness: 2s\n  phases: [ { duration: 5s, users: 2 } ]\nrequests: [ { name: a, path: /x } ]`,
      'load.maxLateness: the closed model does not read it',
    ],
    [
      'a delay without abortOnFail (it would hold back nothing)',
      `${LOAD}requests: [ { name: a, path: /x } ]\ngates: [ { expr: 'http.p99 < 1s', delay: 10s } ]`,
      'gates[0].delay: only delays the check of an abortOnFail gate',
    ],
  ])('%s', (_what, text, expected) => {
    const lines = linesOf(issuesOf(text));
    expect(
      lines.some((line) => line.startsWith(expected)),
      `got:\n${lines.join('\n')}`,
    ).toBe(true);
  });
});

describe('flows in the normalized profile', () => {
  test('steps join the request table as flow.step, after the requests, with weight 0', () => {
    const profile = profileFrom(`${LOAD}requests: [ { name: ping, path: /ping } ]
flows:
  - name: crud
    weight: 3
    steps:
      - { name: create, method: POST, path: /notes, capture: { id: $.id }, think: 1s }
      - { name: read, path: '/notes/{{id}}', expect: { status: 200 } }
`);
    expect(profile.requests.map((r) => [r.name, r.weight])).toEqual([
      ['ping', 1],
      ['crud.create', 0],
      ['crud.read', 0],
    ]);
    expect(profile.flows).toEqual([{ name: 'crud', weight: 3, steps: [1, 2] }]);
    expect(profile.requests[1].flow).toEqual({
      flow: 'crud',
      step: 'create',
      flowIndex: 0,
      stepIndex: 0,
      thinkMs: 1000,
    });
    expect(profile.requests[2].producer).toBeUndefined();
    expect(profile.requests[1].capture).toEqual({ id: { from: 'json', path: '$.id' } });
  });

  test('tenants together with flows is accepted (each instance carries one tenant)', () => {
    const text = `${LOAD}tenants: { count: 10, query: t }
flows: [ { name: f, steps: [ { name: s, path: /a } ] } ]`;
    expect(linesOf(issuesOf(text))).toEqual([]);
    const profile = profileFrom(text);
    expect(profile.tenants).toMatchObject({ count: 10, carrier: { kind: 'query', name: 't' } });
    expect(profile.flows).toEqual([{ name: 'f', weight: 1, steps: [0] }]);
  });
});
