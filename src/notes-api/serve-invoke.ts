/**
 * createInvokeHandler: the HTTP side of the embedded target's Lambda Invoke API
 * (lambda-invoke-route.ts has the rules): checks the SigV4 Authorization header is present and
 * well formed (403 UnrecognizedClientException otherwise; the signature is not verified), reads
 * X-Amz-Tenant-Id when the functions are tenant-isolated (400 InvalidParameterValueException
 * without it, https://docs.aws.amazon.com/lambda/latest/dg/tenant-isolation.html), and sends the
 * reply when the model says the execution ends (a timer kept in `timers`, cleared on close).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformModel } from '../model/platform-model.js';
import type { NoteCipher } from './note-crypto.js';
import type { NoteStore } from './note-store.js';
import type { NotesReply } from './notes-routes.js';
import {
  authorizationProblem,
  functionRoutes,
  handleInvoke,
  INVOKE_HEADERS,
  type InvokeReply,
} from './lambda-invoke-route.js';

export interface InvokeHandlerDeps {
  model: PlatformModel;
  store: NoteStore;
  cipher: NoteCipher;
  /** Epoch ms, never going backwards. */
  clock: () => number;
  /** The server's pending reply timers (cleared when it closes). */
  timers: Set<NodeJS.Timeout>;
  /** Whether the functions are tenant-isolated (X-Amz-Tenant-Id required). */
  tenantIsolated: boolean;
  send: (res: ServerResponse, reply: NotesReply, headers?: Record<string, string>) => void;
}

/** The handler of one Invoke of function `fn` whose body has been read. */
export type InvokeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  fn: string,
  bodyText: string,
) => void;

export function createInvokeHandler(d: InvokeHandlerDeps): InvokeHandler {
  const routesOf = functionRoutes(d.model);
  const sendWhenDue = (res: ServerResponse, reply: InvokeReply): void => {
    const out = () => d.send(res, { status: reply.status, body: reply.body }, reply.headers);
    const waitMs = reply.endMs - d.clock();
    if (waitMs <= 0) return out();
    const timer = setTimeout(() => {
      d.timers.delete(timer);
      out();
    }, waitMs);
    d.timers.add(timer);
  };
  return (req, res, url, fn, bodyText) => {
    const denied = authorizationProblem(header(req, 'authorization'));
    if (denied !== undefined)
      return d.send(
        res,
        { status: 403, body: { message: denied } },
        { [INVOKE_HEADERS.errorType]: 'UnrecognizedClientException' },
      );
    const tenant = d.tenantIsolated ? header(req, INVOKE_HEADERS.tenantId) : undefined;
    if (d.tenantIsolated && tenant === undefined)
      return d.send(
        res,
        {
          status: 400,
          body: {
            Type: 'User',
            message: 'Tenant ID configuration not specified: send the tenant id as X-Amz-Tenant-Id',
          },
        },
        { [INVOKE_HEADERS.errorType]: 'InvalidParameterValueException' },
      );
    sendWhenDue(
      res,
      handleInvoke(d.model, routesOf, d.store, d.cipher, {
        functionName: fn,
        qualifier: url.searchParams.get('Qualifier'),
        invocationType: header(req, INVOKE_HEADERS.invocationType),
        tenant,
        bodyText,
        nowMs: d.clock(),
      }),
    );
  };
}

/** header: the first value of a request header, undefined when absent or empty. */
function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}
