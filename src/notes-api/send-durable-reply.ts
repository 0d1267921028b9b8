/**
 * sendDurableReply: sends a LambdaDurableRoutes reply; a RequestResponse start (`waitFor`) is held
 * until its execution leaves RUNNING (checked every 50 ms; the timer is kept in `timers` so the
 * server's close clears it), then answered 200, with `X-Amz-Function-Error: Unhandled` when the
 * execution did not succeed. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import type { ServerResponse } from 'node:http';
import type { DurableReply, LambdaDurableRoutes } from './lambda-durable-routes.js';
import type { NotesReply } from './notes-routes.js';

const CHECK_MS = 50;

export function sendDurableReply(
  res: ServerResponse,
  reply: DurableReply,
  routes: LambdaDurableRoutes,
  clock: () => number,
  timers: Set<NodeJS.Timeout>,
  send: (res: ServerResponse, reply: NotesReply, headers?: Record<string, string>) => void,
): void {
  const arn = reply.waitFor;
  if (arn === undefined) return send(res, reply, reply.headers);
  const check = (): void => {
    const e = routes.status(arn, clock());
    if (e === undefined || e.status !== 'RUNNING') {
      const failed = e !== undefined && e.status !== 'SUCCEEDED';
      send(
        res,
        {
          status: 200,
          body: failed
            ? { errorType: e.error?.type ?? e.status, errorMessage: e.error?.message ?? e.status }
            : null,
        },
        { ...reply.headers, ...(failed ? { 'x-amz-function-error': 'Unhandled' } : {}) },
      );
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      check();
    }, CHECK_MS);
    timers.add(timer);
  };
  check();
}
