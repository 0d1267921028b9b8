/** transportClient: the one rule that picks a worker's HTTP client. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HTTP_CLIENT,
  plainTransportSettings,
  transportClient,
} from '../../src/generator/transport-settings.js';

describe('transportClient', () => {
  it.each([
    [undefined, DEFAULT_HTTP_CLIENT],
    [plainTransportSettings, DEFAULT_HTTP_CLIENT],
    [{ ...plainTransportSettings, client: 'undici' as const }, 'undici'],
    [{ ...plainTransportSettings, client: 'lean' as const }, 'lean'],
    [{ ...plainTransportSettings, http2: true }, 'undici'],
  ])('%j -> %s', (settings, client) => {
    expect(transportClient(settings)).toBe(client);
  });

  it('defaults to lean', () => {
    expect(DEFAULT_HTTP_CLIENT).toBe('lean');
  });
});
