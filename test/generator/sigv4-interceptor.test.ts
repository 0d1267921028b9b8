/**
 * sigv4Interceptor with a fake dispatch: the request is handed on signed; an abort while signing
 * ends it exactly once and it is never dispatched; a signing failure is an error result.
 */
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { sigv4Interceptor } from '../../src/generator/sigv4-interceptor.js';
import { SigV4Signer, sigv4Loaded } from '../../src/generator/sigv4-signer.js';

const signer = new SigV4Signer(
  { service: 'lambda', region: 'us-east-1' },
  { accessKeyId: 'AKID', secretAccessKey: 'secret' },
);
const options: Dispatcher.DispatchOptions = {
  origin: 'https://abc.lambda-url.us-east-1.on.aws',
  path: '/notes?x=1',
  method: 'POST',
  headers: ['content-type', 'application/json'],
  body: '{"a":1}',
};

function recordingHandler() {
  const events: string[] = [];
  let controller: Dispatcher.DispatchController | undefined;
  const handler: Dispatcher.DispatchHandler = {
    onRequestStart: (c) => {
      controller = c;
      events.push('start');
    },
    onResponseError: (_c, e) => events.push(`error:${e.message}`),
  };
  return { handler, events, abort: (e: Error) => controller?.abort(e) };
}

describe('sigv4Interceptor', () => {
  it('dispatches the signed request with the host and SigV4 headers', async () => {
    const dispatched: Dispatcher.DispatchOptions[] = [];
    const dispatch = sigv4Interceptor(signer)((o) => {
      dispatched.push(o);
      return true;
    });
    const { handler } = recordingHandler();
    await sigv4Loaded(); // as the worker does before it reports ready
    dispatch(options, handler);
    await new Promise((r) => setTimeout(r, 10));
    expect(dispatched).toHaveLength(1);
    const headers = dispatched[0].headers as Record<string, string>;
    expect(headers.host).toBe('abc.lambda-url.us-east-1.on.aws');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/lambda\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(options.headers).toEqual(['content-type', 'application/json']);
  });

  it('ends a request aborted while it is being signed once, and never sends it', async () => {
    let dispatched = 0;
    const dispatch = sigv4Interceptor(signer)(() => {
      dispatched++;
      return true;
    });
    const { handler, events, abort } = recordingHandler();
    dispatch(options, handler);
    abort(new Error('ETIMEDOUT'));
    abort(new Error('again'));
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['start', 'error:ETIMEDOUT']);
    expect(dispatched).toBe(0);
  });

  it('turns a signing failure into an error result', async () => {
    const broken = new SigV4Signer(
      { service: 'lambda', region: 'us-east-1' },
      { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    );
    broken.sign = () => Promise.reject(new Error('no clock'));
    let dispatched = 0;
    const dispatch = sigv4Interceptor(broken)(() => {
      dispatched++;
      return true;
    });
    const { handler, events } = recordingHandler();
    dispatch(options, handler);
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['start', 'error:no clock']);
    expect(dispatched).toBe(0);
  });
});
