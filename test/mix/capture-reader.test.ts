/** compileCaptures: JSONPath (jsonpath-plus), header and regex captures, from ok replies only. */
import { describe, expect, it } from 'vitest';
import { compileCaptures } from '../../src/mix/capture-reader.js';
import { profileFrom } from '../helpers/run-profile.js';
import { fakeReply } from './fake-reply.js';

function captured(captureYaml: string, reply: Parameters<typeof fakeReply>[0]) {
  const profile = profileFrom(`
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: r, path: /x, capture: ${captureYaml} } ]
`);
  const found: Record<string, string> = {};
  compileCaptures(profile.requests[0].capture).read(fakeReply(reply), (n, v) => (found[n] = v));
  return found;
}

describe('compileCaptures', () => {
  const body = JSON.stringify({ id: 'n1', items: [{ id: 'a' }, { id: 'b', tag: 'x' }], n: 3 });
  it.each([
    ['{ v: "$.id" }', { v: 'n1' }],
    ['{ v: { json: "$.items[1].id" } }', { v: 'b' }],
    ['{ v: "$..tag" }', { v: 'x' }],
    ['{ v: "$.items[?(@.tag==\'x\')].id" }', { v: 'b' }],
    ['{ v: "$.n" }', { v: '3' }],
    ['{ v: "$.items" }', {}],
    ['{ v: "$.missing" }', {}],
    ['{ v: { header: Location } }', { v: '/notes/n1' }],
    ['{ v: { regex: "\\"id\\":\\"(\\\\w+)\\"" } }', { v: 'n1' }],
    ['{ v: { regex: "n(\\\\d)", group: 0 } }', { v: 'n1' }],
  ])('%s', (yaml, expected) => {
    expect(captured(yaml, { status: 201, body, headers: { location: ['/notes/n1'] } })).toEqual(
      expected,
    );
  });

  it('captures nothing from a 4xx, a 5xx or a transport error', () => {
    for (const reply of [{ status: 404 }, { status: 500 }, { status: 0, errorCode: 'ETIMEDOUT' }])
      expect(captured('{ v: "$.id" }', { ...reply, body })).toEqual({});
  });
});
