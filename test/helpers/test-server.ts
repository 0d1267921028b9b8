/**
 * A real node:http server on 127.0.0.1, port 0, whose behaviour each test chooses: status, delay,
 * stalls, resets, garbage replies, big bodies. Counts the requests it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = (req: IncomingMessage, res: ServerResponse, n: number) => void;

export interface TestServer {
  url: string;
  received: () => number;
  close: () => Promise<void>;
  server: Server;
}

export async function startTestServer(behaviour: Behaviour = ok()): Promise<TestServer> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    req.resume();
    req.on('end', () => behaviour(req, res, n));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => n,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Replies 200 with a small JSON body after `delayMs`. */
export function ok(delayMs = 0, body = '{"id":"n1"}'): Behaviour {
  return (_req, res) => {
    const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}
