/**
 * checkTarget: before the first planned request, is anything listening at the target? A TCP
 * connect only (no HTTP request, so nothing counts as sent). Refused or unreachable -> RunError.
 */
import { connect } from 'node:net';
import { RunError } from '../../errors.js';

/** checkTarget resolves when a TCP connection to the URL's host and port succeeds. */
export async function checkTarget(url: string, timeoutMs = 5000): Promise<void> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new RunError(`target ${u.origin} did not accept a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new RunError(
          `target ${u.origin} is unreachable (${e.code ?? e.message}); nothing was sent. ` +
            'Start the server, fix --target, or leave --target out to use the embedded notes API.',
        ),
      );
    });
  });
}

/** isLoopback tells whether a URL points at this machine. */
export function isLoopback(url: string): boolean {
  const h = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}
