import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { profileFrom } from '../helpers/run-profile.js';

const withDurable = (durable: string) => `
load: { phases: [ { duration: 2s, rate: 1 } ] }
requests:
  - name: order
    durable: ${durable}
`;

function issues(yaml: string): string[] {
  try {
    profileFrom(yaml);
  } catch (error) {
    if (error instanceof ProfileError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('durable: requests', () => {
  it('normalizes to the Invoke that starts the execution', () => {
    const p = profileFrom(
      withDurable("{ function: 'orders:live', name: 'o-{{uuid}}', poll: { every: 500ms } }"),
    );
    const r = p.requests[0];
    expect(r.method).toBe('POST');
    expect(r.path.source).toBe('/2015-03-31/functions/orders/invocations?Qualifier=live');
    expect(r.headers['x-amz-invocation-type'].source).toBe('Event');
    expect(r.headers['x-amz-durable-execution-name'].source).toBe('o-{{uuid}}');
    expect(r.durable).toEqual({
      function: 'orders',
      qualifier: 'live',
      poll: { mode: 'status', everyMs: 500, timeoutMs: 900_000 },
    });
    expect(
      profileFrom(withDurable('{ function: f, poll: cloudwatch }')).requests[0].durable?.poll,
    ).toEqual({
      mode: 'cloudwatch',
    });
  });

  it('rejects bad input with its path', () => {
    expect(issues(withDurable('{ poll: { every: 1s } }'))).toEqual([
      expect.stringMatching(/^requests\[0\]\.durable\.function: /),
    ]);
    expect(issues(withDurable('{ function: f, poll: { every: 99ms } }'))).toEqual([
      'requests[0].durable.poll.every: must be at least 100ms (got 99 ms)',
    ]);
    expect(issues(withDurable('{ function: f, poll: sometimes }'))[0]).toMatch(
      /^requests\[0\]\.durable\.poll/,
    );
    expect(
      issues(withDurable('{ function: f }').replace('durable:', 'path: /x\n    durable:')),
    ).toEqual(['requests[0].path: a durable request has no path']);
  });
});
