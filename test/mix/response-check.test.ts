/** compileChecks: every kind of check, its name, and a transport error failing them all. */
import { describe, expect, it } from 'vitest';
import { compileChecks } from '../../src/mix/response-check.js';
import { profileFrom } from '../helpers/run-profile.js';
import { fakeReply } from './fake-reply.js';

function checksOf(expectYaml: string) {
  const profile = profileFrom(`
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: r, path: /x, expect: ${expectYaml} } ]
`);
  return compileChecks(profile.requests[0].expect);
}

function outcomes(expectYaml: string, reply: Parameters<typeof fakeReply>[0]): boolean[] {
  const out: boolean[] = [];
  checksOf(expectYaml).run(fakeReply(reply), (i, passed) => (out[i] = passed));
  return out;
}

describe('compileChecks', () => {
  it.each([
    ['{ status: 200 }', { status: 200 }, [true]],
    ['{ status: 200 }', { status: 403 }, [false]],
    ['{ status: [200, 201] }', { status: 201 }, [true]],
    ['{ status: 2xx }', { status: 204 }, [true]],
    ['{ status: 2xx }', { status: 302 }, [false]],
    ['{ header: { x-a: b } }', { headers: { 'x-a': ['b'] } }, [true]],
    ['{ header: { X-A: b } }', { headers: { 'x-a': ['B'] } }, [false]],
    ['{ header: { x-a: "/^b+$/i" } }', { headers: { 'x-a': ['BB'] } }, [true]],
    ['{ json: { "$.id": exists } }', { body: '{"id":0}' }, [true]],
    ['{ json: { "$.id": exists } }', { body: '{"ix":0}' }, [false]],
    ['{ json: { "$.items[1].n": 2 } }', { body: '{"items":[{"n":1},{"n":2}]}' }, [true]],
    ['{ json: { "$.ok": true } }', { body: 'not json' }, [false]],
    ['{ bodyContains: hello }', { body: 'say hello' }, [true]],
    ['{ within: 50ms }', { latencyMs: 50 }, [true]],
    ['{ within: 50ms }', { latencyMs: 50.1 }, [false]],
  ] as Array<[string, Parameters<typeof fakeReply>[0], boolean[]]>)(
    '%s on %j',
    (yaml, reply, expected) => {
      expect(outcomes(yaml, reply)).toEqual(expected);
    },
  );

  it('names checks in order and fails every one on a transport error', () => {
    const yaml = '{ status: 2xx, header: { location: /x/ }, json: { "$.a": "b" }, within: 1s }';
    expect(checksOf(yaml).names).toEqual([
      'status 2xx',
      'header location ~ /x/',
      'json $.a == "b"',
      'within 1000ms',
    ]);
    expect(outcomes(yaml, { status: 0, errorCode: 'ECONNRESET' })).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads the body only when a check needs it', () => {
    expect(checksOf('{ status: 200, within: 1s }').needs).toEqual({ body: false, headers: false });
    expect(checksOf('{ bodyContains: x }').needs).toEqual({ body: true, headers: false });
    expect(checksOf('{ header: { a: b } }').needs).toEqual({ body: false, headers: true });
  });
});
