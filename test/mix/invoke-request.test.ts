import { describe, expect, it } from 'vitest';
import {
  invokeHeaders,
  invokePath,
  lambdaEndpoint,
  resolveInvokes,
} from '../../src/mix/invoke-request.js';
import { invokeOutcome } from '../../src/mix/invoke-outcome.js';
import { parseLambdaTarget } from '../../src/profile/lambda-target.js';
import { profileFrom } from '../helpers/run-profile.js';
import type { ReplyView } from '../../src/mix/reply-view.js';

const BASE = `load: { phases: [{ duration: 1s, rate: 1 }] }\n`;

describe('invoke request building', () => {
  it('builds the Invoke path, headers and endpoint', () => {
    expect(invokePath('notes-read')).toBe('/2015-03-31/functions/notes-read/invocations');
    expect(invokePath('fn', '$LATEST')).toBe(
      '/2015-03-31/functions/fn/invocations?Qualifier=%24LATEST',
    );
    expect(invokeHeaders('Event', 'tenant-3')).toEqual({
      'x-amz-invocation-type': 'Event',
      'x-amz-tenant-id': 'tenant-3',
    });
    expect(lambdaEndpoint({}, 'eu-west-1')).toBe('https://lambda.eu-west-1.amazonaws.com');
    expect(lambdaEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9/' }, 'x')).toBe(
      'http://127.0.0.1:9',
    );
    expect(
      lambdaEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_LAMBDA: 'http://b' }, 'x'),
    ).toBe('http://b');
  });

  it('parses lambda: targets', () => {
    expect(parseLambdaTarget('lambda:fn')).toEqual({ function: 'fn' });
    expect(parseLambdaTarget('lambda:fn:prod')).toEqual({ function: 'fn', qualifier: 'prod' });
    expect(parseLambdaTarget('lambda:')).toHaveProperty('error');
    expect(parseLambdaTarget('lambda:fn:a:b')).toHaveProperty('error');
  });

  it('turns every request under a lambda: target into a signed Invoke of its function', () => {
    const profile = profileFrom(
      `${BASE}target: "lambda:fn:7"\ntenants: { count: 3 }\nrequests:\n  - { name: a, json: { x: "{{uuid}}" } }\n  - { name: b, invoke: { function: other, type: Event } }\n`,
    );
    const r = resolveInvokes(profile, { function: 'fn', qualifier: '7' });
    expect(r.issues).toEqual([]);
    expect(r.functions).toEqual(['fn', 'other']);
    const [a, b] = r.profile.requests;
    expect(a.method).toBe('POST');
    expect(a.path.source).toBe('/2015-03-31/functions/fn/invocations?Qualifier=7');
    expect(a.headers['x-amz-invocation-type'].source).toBe('RequestResponse');
    expect(a.json).toBeDefined();
    // The target's qualifier is for the target's function only.
    expect(b.path.source).toBe('/2015-03-31/functions/other/invocations');
    expect(b.headers['x-amz-invocation-type'].source).toBe('Event');
    expect(r.profile.auth).toEqual({ type: 'aws-sigv4', service: 'lambda' });
    expect(r.profile.tenants?.carrier).toEqual({ kind: 'header', name: 'x-amz-tenant-id' });
    // The input is not mutated.
    expect(profile.requests[0].path.source).toBe('');
  });

  it('keeps a durable request (or flow step) under a lambda: target as its own signed Invoke', () => {
    const profile = profileFrom(
      `${BASE}target: lambda:fn\nrequests:\n  - { name: a }\n  - { name: d, durable: { function: wf:live } }\nflows:\n  - name: f\n    steps: [ { name: s, durable: { function: wf } } ]\n`,
    );
    const r = resolveInvokes(profile, { function: 'fn' });
    expect(r.issues).toEqual([]);
    expect(r.functions).toEqual(['fn']);
    const [, d, s] = r.profile.requests;
    expect(d.path.source).toBe('/2015-03-31/functions/wf/invocations?Qualifier=live');
    expect(d.headers['x-amz-invocation-type'].source).toBe('Event');
    expect(d.headers['x-amz-durable-execution-name'].source).toBe('{{uuid}}');
    expect(d.invoke).toBeUndefined();
    expect(d.durable?.function).toBe('wf');
    expect(s.path.source).toBe('/2015-03-31/functions/wf/invocations');
    expect(r.profile.auth).toEqual({ type: 'aws-sigv4', service: 'lambda' });
    // Beside invoke: requests without a lambda: target, a durable request is no "HTTP request".
    const mixed = profileFrom(
      `${BASE}requests:\n  - { name: a, invoke: { function: fn } }\n  - { name: d, durable: { function: wf } }\n`,
    );
    expect(resolveInvokes(mixed, undefined)).toMatchObject({ invokes: true, issues: [] });
  });

  it('names every contradiction', () => {
    const mixed = profileFrom(
      `${BASE}auth: { type: aws-sigv4, service: execute-api }\ntenants: { count: 3, query: t }\nrequests:\n  - { name: a, path: /notes }\n  - { name: b, invoke: { type: Event } }\n`,
    );
    expect(resolveInvokes(mixed, undefined).issues.map((i) => i.path)).toEqual([
      'requests[0]',
      'requests[1].invoke.function',
      'auth.service',
      'tenants.query',
    ]);
    const plain = profileFrom(`${BASE}requests:\n  - { name: a, path: /notes }\n`);
    expect(resolveInvokes(plain, undefined)).toMatchObject({ invokes: false, issues: [] });
  });
});

function view(status: number, headers: Record<string, string>, body: unknown): ReplyView {
  return {
    status,
    errorCode: null,
    latencyMs: 1,
    headerValues: (n) => (headers[n] === undefined ? [] : [headers[n]]),
    text: () => JSON.stringify(body),
    json: () => body,
  };
}

describe('invokeOutcome', () => {
  it('classifies throttles, function errors and the rest', () => {
    expect(invokeOutcome(view(200, {}, { ok: 1 }))).toEqual({ kind: 'ok' });
    expect(invokeOutcome(view(202, {}, null))).toEqual({ kind: 'ok' });
    expect(
      invokeOutcome(view(429, {}, { Reason: 'ConcurrentInvocationLimitExceeded', message: 'x' })),
    ).toEqual({ kind: 'throttle', reason: 'ConcurrentInvocationLimitExceeded' });
    expect(invokeOutcome(view(429, {}, { message: 'Rate exceeded' }))).toEqual({
      kind: 'throttle',
      reason: 'Rate exceeded',
    });
    expect(
      invokeOutcome(view(429, { 'x-amzn-errortype': 'TooManyRequestsException' }, undefined)),
    ).toEqual({ kind: 'throttle', reason: 'TooManyRequestsException' });
    expect(
      invokeOutcome(
        view(200, { 'x-amz-function-error': 'Unhandled' }, { errorType: 'Runtime.ExitError' }),
      ),
    ).toEqual({ kind: 'function-error', errorKind: 'Unhandled', errorType: 'Runtime.ExitError' });
    expect(invokeOutcome(view(200, { 'x-amz-function-error': 'Handled' }, 'oops'))).toEqual({
      kind: 'function-error',
      errorKind: 'Handled',
      errorType: 'unknown',
    });
    expect(invokeOutcome(view(404, {}, {}))).toEqual({ kind: 'other' });
    expect(invokeOutcome({ ...view(0, {}, null), errorCode: 'ECONNRESET' })).toEqual({
      kind: 'other',
    });
  });
});
