import { describe, expect, test } from 'vitest';
import { parseProfile } from '../../src/profile/parse-profile.js';
import { issuesOf, linesOf, MINIMAL } from './profile-issues.js';

const base = { baseDir: '/profiles' };

describe('parseProfile: every class of error names its path', () => {
  // [what, profile text, source, expected issue line]
  const cases: Array<[string, string, string, string]> = [
    [
      'YAML syntax error gives line and column',
      'name: x\nload: { phases: [ }\n',
      'p.yaml',
      'line 2, column 19: ',
    ],
    [
      'YAML nested mapping gives line and column',
      'name: x\nrequests: a: b\n',
      'p.yaml',
      'line 2, column 11: Nested mappings',
    ],
    [
      'JSON syntax error gives line and column',
      '{\n  "name": "x",\n}\n',
      'p.json',
      'line 3, column 1: ',
    ],
    ['duplicate key', 'name: a\nname: b\n', 'p.yaml', 'line 2, column 1: Map keys must be unique'],
    ['empty file', '', 'p.yaml', 'the profile is empty'],
    ['not a mapping', '- 1\n- 2\n', 'p.yaml', 'a profile must be a mapping'],
    [
      'negative rate',
      MINIMAL.replace('rate: 5', 'rate: -5'),
      'p.yaml',
      'load.phases[0].rate: must be >= 0',
    ],
    [
      'negative rampTo',
      MINIMAL.replace(
        '{ duration: 10s, rate: 5 }',
        '{ duration: 10s, rate: 5 }\n    - { duration: 5s, rampTo: -1 }',
      ),
      'p.yaml',
      'load.phases[1].rampTo: must be >= 0',
    ],
    [
      'unknown top-level key with a suggestion',
      `${MINIMAL}reqests: []\n`,
      'p.yaml',
      'reqests: unknown key (did you mean `requests`?)',
    ],
    [
      'unknown nested key with a suggestion',
      MINIMAL.replace('rate: 5', 'rate: 5, rampto: 9'),
      'p.yaml',
      'load.phases[0].rampto: unknown key (did you mean `rampTo`?)',
    ],
    [
      'unknown key with nothing close lists the known keys',
      MINIMAL.replace('path: /notes', 'path: /notes, colour: red'),
      'p.yaml',
      'requests[0].colour: unknown key (known keys: name, weight, method, path, url, headers, json, body, capture, expect, invoke, durable)',
    ],
    [
      'missing duration',
      MINIMAL.replace('duration: 10s, ', ''),
      'p.yaml',
      'load.phases[0].duration: is required (e.g. duration: 30s)',
    ],
    [
      'zero duration',
      MINIMAL.replace('10s', '0s'),
      'p.yaml',
      'load.phases[0].duration: must be > 0',
    ],
    [
      'unreadable duration',
      MINIMAL.replace('10s', 'ten seconds'),
      'p.yaml',
      'load.phases[0].duration: "ten seconds" is not a duration (write a number of seconds or a string such as 500ms, 30s, 5m, 1h30m)',
    ],
    [
      'phase of no kind',
      MINIMAL.replace(', rate: 5', ''),
      'p.yaml',
      'load.phases[0]: needs one of rate, rampTo, pulses, wave, trace, users',
    ],
    [
      'phase of two kinds',
      MINIMAL.replace('rate: 5', 'rate: 5, rampTo: 6'),
      'p.yaml',
      'load.phases[0]: has rate and rampTo',
    ],
    [
      'empty phase list',
      MINIMAL.replace('phases:\n    - { duration: 10s, rate: 5 }', 'phases: []'),
      'p.yaml',
      'load.phases: must not be empty',
    ],
    [
      'empty request list',
      MINIMAL.replace(/requests:\n.*\n/, 'requests: []\n'),
      'p.yaml',
      'requests: must not be empty',
    ],
    [
      'missing requests',
      MINIMAL.replace(/requests:\n.*\n/, ''),
      'p.yaml',
      'requests: needs requests or flows (give a weighted mix of requests:, flows: of steps, or both)',
    ],
    [
      'bad template: unclosed braces',
      MINIMAL.replace('path: /notes', "path: '/notes/{{noteId'"),
      'p.yaml',
      'requests[0].path: unclosed "{{" in "/notes/{{noteId" (close it with "}}")',
    ],
    [
      'bad template: unknown function',
      MINIMAL.replace('path: /notes', "path: '/notes/{{foo 1}}'"),
      'p.yaml',
      'requests[0].path: unknown template function "foo" in "{{foo 1}}"',
    ],
    [
      'bad template: wrong argument count, deep in a JSON body',
      MINIMAL.replace('path: /notes', 'path: /notes, json: { tags: [a, "{{words}}"] }'),
      'p.yaml',
      'requests[0].json.tags[1]: "words" takes 1 argument, got 0 in "{{words}}" (write {{words 3}})',
    ],
    [
      'bad template: header value',
      `${MINIMAL}headers: { x-api-key: '{{env.}}' }\n`,
      'p.yaml',
      'headers.x-api-key: bad environment variable name in "{{env.}}" (write {{env.NAME}})',
    ],
    [
      'variable that no request captures',
      MINIMAL.replace('path: /notes', "path: '/notes/{{foo}}'"),
      'p.yaml',
      'requests[0].path: unknown template function or variable "foo" in "{{foo}}"',
    ],
    [
      'bad gate expression',
      `${MINIMAL}gates: ['http.p99 < fast']\n`,
      'p.yaml',
      'gates[0]: bad threshold "fast"',
    ],
    [
      'unknown gate metric',
      `${MINIMAL}gates: ['http.eror_rate < 1%']\n`,
      'p.yaml',
      'gates[0]: unknown metric "http.eror_rate" (did you mean `http.error_rate`?)',
    ],
    [
      'bad gate in the object form',
      `${MINIMAL}gates: [{ expr: 'cpu < 1', abortOnFail: true }]\n`,
      'p.yaml',
      'gates[0].expr: unknown metric "cpu"',
    ],
    [
      'unknown key in a gate object',
      `${MINIMAL}gates: [{ expr: 'http.p99 < 1', abort: true }]\n`,
      'p.yaml',
      'gates[0].abort: unknown key',
    ],
    [
      'missing trace file',
      MINIMAL.replace('{ duration: 10s, rate: 5 }', '{ trace: { file: traces/none.csv } }'),
      'p.yaml',
      'load.phases[0].trace.file: traces/none.csv: no such file (paths are relative to /profiles)',
    ],
    [
      'enum typo',
      `${MINIMAL}platform: lmj\n`,
      'p.yaml',
      'platform: must be one of "on-demand", "lmi" (did you mean `lmi`?)',
    ],
    ['wrong type', `${MINIMAL}seed: abc\n`, 'p.yaml', 'seed: must be a number, got "abc"'],
    ['not a whole number', `${MINIMAL}seed: 1.5\n`, 'p.yaml', 'seed: must be a whole number'],
    [
      'bad target URL',
      `${MINIMAL}target: localhost\n`,
      'p.yaml',
      'target: must be an http:// or https:// URL, or lambda:FUNCTION[:QUALIFIER]',
    ],
    [
      'json and body both',
      MINIMAL.replace('path: /notes', 'path: /notes, json: {}, body: x'),
      'p.yaml',
      'requests[0].body: has both json and body (keep one of them)',
    ],
    [
      'neither path nor url',
      MINIMAL.replace('path: /notes', 'method: GET'),
      'p.yaml',
      'requests[0].path: is required (or give url, or invoke: for a Lambda Invoke)',
    ],
    [
      'method typo',
      MINIMAL.replace('path: /notes', 'path: /notes, method: PSOT'),
      'p.yaml',
      'requests[0].method: must be one of',
    ],
    [
      'pulse wider than its period',
      MINIMAL.replace('rate: 5', 'pulses: { every: 1s, width: 2s, rate: 9 }'),
      'p.yaml',
      'load.phases[0].pulses.width: must be <= every',
    ],
    [
      'peakToMean below 1',
      MINIMAL.replace('rate: 5', 'wave: { mean: 1, peakToMean: 0.5, period: 1m }'),
      'p.yaml',
      'load.phases[0].wave.peakToMean: must be >= 1',
    ],
    [
      'unreadable trend',
      MINIMAL.replace('rate: 5', 'wave: { mean: 1, peakToMean: 2, period: 1m, trend: fast }'),
      'p.yaml',
      'load.phases[0].wave.trend: must read like 20%/h',
    ],
    [
      'duplicate request names',
      MINIMAL.replace(/( {2}- \{ name: listNotes.*\n)/, '$1$1'),
      'p.yaml',
      'requests[1].name: "listNotes" is already the name of requests[0]',
    ],
    [
      'closed model with a rate phase',
      MINIMAL.replace('load:', 'load:\n  model: closed'),
      'p.yaml',
      'load.phases[0]: the closed model runs users phases only',
    ],
    [
      'open model with a users phase',
      MINIMAL.replace('rate: 5', 'users: 5'),
      'p.yaml',
      'load.phases[0].users: users phases belong to the closed model',
    ],
    [
      'aws.functions naming no request',
      `${MINIMAL}aws: { functions: { listNote: notes-list } }\n`,
      'p.yaml',
      'aws.functions.listNote: no request is named "listNote" (did you mean `listNotes`?)',
    ],
    [
      'gate label naming no request',
      `${MINIMAL}gates: ['http.p99{request=listNote} < 1s']\n`,
      'p.yaml',
      'gates[0]: no request is named "listNote"',
    ],
    [
      'bad capture path',
      MINIMAL.replace('path: /notes', 'path: /notes, capture: { id: id }'),
      'p.yaml',
      'requests[0].capture.id: must be a JSONPath into the JSON reply, starting with $ (e.g. $.id or $.items[0].id)',
    ],
  ];
  test.each(cases)('%s', (_what, text, source, expected) => {
    const lines = linesOf(issuesOf(text, source));
    expect(
      lines.some((line) => line.startsWith(expected)),
      `got:\n${lines.join('\n')}`,
    ).toBe(true);
  });
});

describe('parseProfile: all issues at once', () => {
  test('reports every schema issue of a profile in one error', () => {
    const text = `
name: all-wrong
load:
  phases:
    - { duration: 10s, rate: -1 }
    - { rampTo: 5 }
  maxInflight: 5
requests:
  - { name: a, path: '/x/{{int 1}}' }
gates: ['http.q98 < 1s', 'lambda.throttles == 0']
`;
    const paths = issuesOf(text).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'load.phases[0].rate', // negative rate
        'load.phases[1].duration', // missing duration
        'load.maxInflight', // unknown key
        'requests[0].path', // bad template
        'gates[0]', // bad gate
      ]),
    );
    expect(paths).toHaveLength(5);
  });

  test('reports every rule issue of a profile in one error', () => {
    const text = `
load:
  phases:
    - { trace: { file: gone.csv } }
requests:
  - { name: a, path: '/notes/{{noteId}}', headers: { x-key: '{{env.KEY}}' } }
  - { name: a, path: /notes }
aws: { functions: { b: fn } }
`;
    const paths = issuesOf(text, 'p.yaml', { env: {} }).map((issue) => issue.path);
    expect(paths.sort()).toEqual(
      [
        'load.phases[0].trace.file', // missing trace file
        'requests[0].path', // variable nobody captures
        'requests[1].name', // duplicate name
        'requests[0].headers.x-key', // unset environment variable
        'aws.functions.b', // unknown request name
      ].sort(),
    );
  });

  test('runs the rules that can read the document even when the schema step fails', () => {
    const text = `
name: mixed
colour: red
load:
  phases:
    - { duration: 10s, rate: 5 }
requests:
  - { name: a, path: '/notes/{{noteId}}', headers: { x-key: '{{env.KEY}}' } }
  - { name: a, path: /notes }
gates: ['http.p99{request=c} < 1s']
aws: { functions: { b: fn } }
`;
    expect(linesOf(issuesOf(text, 'p.yaml', { env: {} }))).toEqual([
      'aws.functions.b: no request is named "b" (did you mean `a`?)',
      expect.stringMatching(/^colour: unknown key \(known keys: .*requests/),
      'gates[0]: no request is named "c" in "http.p99{request=c} < 1s" (did you mean `a`?)',
      'requests[0].headers.x-key: environment variable KEY is not set (export KEY=...)',
      'requests[0].path: unknown template function or variable "noteId" in "{{noteId}}" (capture it on the request that creates it: capture: { noteId: "$.id" })',
      'requests[1].name: "a" is already the name of requests[0] (request names must be unique)',
    ]);
  });

  test('orders schema and rule issues together by path', () => {
    const text = `${MINIMAL}  - { name: listNotes, path: '/x/{{id}}', colour: red }\nreqests: []\n`;
    expect(issuesOf(text).map((i) => i.path)).toEqual([
      'reqests',
      'requests[1].colour',
      'requests[1].name',
      'requests[1].path',
    ]);
  });

  test('the error names the source file and counts the issues', () => {
    expect(() => parseProfile('', 'empty.yaml', base)).toThrow('empty.yaml: 1 problem');
  });
});

describe('parseProfile: normalization', () => {
  test('fills defaults', () => {
    const profile = parseProfile(MINIMAL, 'dir/minimal.yaml', base);
    expect(profile).toMatchObject({
      name: 't',
      source: 'dir/minimal.yaml',
      platform: 'on-demand',
      load: { model: 'open', maxInFlight: 10_000, arrivals: 'uniform', thinkTimeMs: 0 },
      headers: {},
      gates: [],
    });
    expect(profile.requests[0]).toMatchObject({
      name: 'listNotes',
      weight: 1,
      method: 'GET',
      headers: {},
      capture: {},
    });
    expect(profile.requests[0].producer).toBeUndefined();
  });

  test('names an unnamed profile after its file', () => {
    expect(parseProfile(MINIMAL.replace('name: t\n', ''), 'dir/smoke-test.yaml', base).name).toBe(
      'smoke-test',
    );
  });

  test('turns every phase kind into milliseconds and requests per second', () => {
    const text = `
load:
  phases:
    - { duration: 30, rate: 2 }
    - { duration: 30s, rampTo: 1500 }
    - { duration: 1m, pulses: { every: 10s, width: 500ms, rate: 1000 } }
    - { duration: 10s, rampTo: 10 }
    - { duration: 1h30m, wave: { mean: 300, peakToMean: 2, period: 30m, trend: 20%/h, noise: 0.05 } }
    - { duration: 5s, rampTo: 0 }
requests: [{ name: a, path: / }]
`;
    expect(parseProfile(text, 'p.yaml', base).load.phases).toEqual([
      { kind: 'constant', durationMs: 30_000, ratePerSec: 2 },
      { kind: 'ramp', durationMs: 30_000, fromPerSec: 2, toPerSec: 1500 },
      {
        kind: 'pulses',
        durationMs: 60_000,
        everyMs: 10_000,
        widthMs: 500,
        ratePerSec: 1000,
        basePerSec: 0,
      },
      // 60 s of pulses ends between pulses, so this ramp starts from the base rate.
      { kind: 'ramp', durationMs: 10_000, fromPerSec: 0, toPerSec: 10 },
      {
        kind: 'wave',
        durationMs: 5_400_000,
        meanPerSec: 300,
        peakToMean: 2,
        periodMs: 1_800_000,
        trendPerHour: 0.2,
        noise: 0.05,
      },
      // 90 min is three full periods: sin = 0, so the wave ends at mean × (1 + 0.2 × 1.5) = 390.
      { kind: 'ramp', durationMs: 5_000, fromPerSec: expect.closeTo(390, 6), toPerSec: 0 },
    ]);
  });

  test('a numeric trend is per hour', () => {
    const text = MINIMAL.replace(
      'rate: 5',
      'wave: { mean: 10, peakToMean: 1, period: 1m, trend: 0.5 }',
    );
    expect(parseProfile(text, 'p.yaml', base).load.phases[0]).toMatchObject({
      trendPerHour: 0.5,
      noise: 0,
    });
  });

  test('reads the closed model with think time', () => {
    const text = MINIMAL.replace('load:', 'load:\n  model: closed\n  thinkTime: 500ms').replace(
      'rate: 5',
      'users: 20',
    );
    const profile = parseProfile(text, 'p.yaml', base);
    expect(profile.load).toMatchObject({
      model: 'closed',
      thinkTimeMs: 500,
      phases: [{ kind: 'users', durationMs: 10_000, users: 20 }],
    });
  });

  test('compiles templates everywhere and sets the producer of captured variables', () => {
    const text = `
load: { phases: [{ duration: 10s, rate: 5 }] }
headers: { x-api-key: '{{env.KEY}}' }
requests:
  - name: getNote
    path: /notes/{{noteId}}
  - name: createNote
    method: POST
    path: /notes
    json: { title: '{{words 3}}', n: 1, ok: true, tags: [x, null] }
    capture: { noteId: $.id }
  - { name: list, url: 'http://127.0.0.1:9/notes?x={{uuid}}', body: '{{text 10}}' }
`;
    const profile = parseProfile(text, 'p.yaml', { ...base, env: { KEY: 'secret' } });
    const [getNote, createNote, list] = profile.requests;
    expect(getNote.producer).toBe('createNote');
    expect(getNote.path.vars).toEqual(['noteId']);
    expect(createNote.producer).toBeUndefined();
    expect(createNote.json).toEqual({
      title: { source: '{{words 3}}', parts: [{ kind: 'words', count: 3 }], vars: [] },
      n: 1,
      ok: true,
      tags: [{ source: 'x', parts: [{ kind: 'text', text: 'x' }], vars: [] }, null],
    });
    expect(list.url?.parts[1]).toEqual({ kind: 'uuid' });
    expect(list.body?.parts).toEqual([{ kind: 'text-lorem', length: 10 }]);
    expect(profile.headers['x-api-key'].parts).toEqual([{ kind: 'env', name: 'KEY' }]);
  });

  test('an unset environment variable is an issue only when an environment is given', () => {
    const text = `${MINIMAL}headers: { x-api-key: '{{env.NOTES_API_KEY}}' }\n`;
    expect(linesOf(issuesOf(text, 'p.yaml', { env: {} }))).toEqual([
      'headers.x-api-key: environment variable NOTES_API_KEY is not set (export NOTES_API_KEY=...)',
    ]);
    expect(issuesOf(text, 'p.yaml', { env: { NOTES_API_KEY: 'k' } })).toEqual([]);
    expect(issuesOf(text, 'p.yaml')).toEqual([]);
  });

  test('a request reading only what it captures itself has no producer', () => {
    const text = MINIMAL.replace('path: /notes', "path: '/notes/{{id}}', capture: { id: $.id }");
    expect(linesOf(issuesOf(text))).toEqual([
      'requests[0]: reads "id" but only it captures "id" (another request must capture it first)',
    ]);
  });

  test('producers in a cycle are an issue', () => {
    const text = `
load: { phases: [{ duration: 10s, rate: 5 }] }
requests:
  - { name: a, path: '/{{y}}', capture: { x: $.x } }
  - { name: b, path: '/{{x}}', capture: { y: $.y } }
`;
    expect(issuesOf(text).map((issue) => issue.message)).toEqual([
      'its variables come from a cycle: a -> b -> a',
      'its variables come from a cycle: b -> a -> b',
    ]);
  });

  test('parses gates in both forms, in declaration order', () => {
    const text = `${MINIMAL}gates: ['http.p99 < 800ms', { expr: 'http.error_rate < 5%', abortOnFail: true, delay: 10s }]\n`;
    const gates = parseProfile(text, 'p.yaml', base).gates;
    expect(gates).toEqual([
      {
        expr: 'http.p99 < 800ms',
        metric: 'http.p99',
        labels: {},
        op: '<',
        threshold: 800,
        abortOnFail: false,
        delayMs: 0,
      },
      {
        expr: 'http.error_rate < 5%',
        metric: 'http.error_rate',
        labels: {},
        op: '<',
        threshold: 0.05,
        abortOnFail: true,
        delayMs: 10_000,
      },
    ]);
  });

  test('reads the same profile from JSON', () => {
    const json = JSON.stringify({
      name: 'j',
      load: { phases: [{ duration: '10s', rate: 5 }] },
      requests: [{ name: 'listNotes', path: '/notes' }],
      aws: { region: 'us-east-1', functions: { listNotes: 'notes-list' } },
      auth: { type: 'aws-sigv4', service: 'lambda' },
      model: { platform: 'lmi' },
    });
    const profile = parseProfile(json, 'p.json', base);
    expect(profile.aws).toEqual({ region: 'us-east-1', functions: { listNotes: 'notes-list' } });
    expect(profile.auth).toEqual({ type: 'aws-sigv4', service: 'lambda' });
    expect(profile.model).toEqual({ platform: 'lmi' });
    expect(profile.load.phases).toEqual([{ kind: 'constant', durationMs: 10_000, ratePerSec: 5 }]);
  });

  test('returns plain data that survives structured cloning', () => {
    const profile = parseProfile(MINIMAL, 'p.yaml', base);
    expect(structuredClone(profile)).toEqual(profile);
  });
});
