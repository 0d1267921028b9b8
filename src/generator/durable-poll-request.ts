/**
 * sendStatusPoll: one GetDurableExecution call (`GET /2025-12-01/durable-executions/{arn}`, the
 * ARN URI-encoded as @aws-sdk/client-lambda 3.1164 sends it) through a Transport dispatcher, so
 * it is signed (SigV4) and pooled like every other request of the worker. Resolves with the HTTP
 * status and the fields it needs of the reply (Status, StartTimestamp, EndTimestamp in epoch
 * seconds), or a transport error code; never rejects.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 */
import type { Dispatcher } from 'undici';
import type { RequestDispatcher } from './transport.js';
import { errorCode } from './request-slot.js';

/** What one poll found out. */
export interface PollResult {
  /** HTTP status (0 with errorCode). */
  status: number;
  errorCode: string | null;
  /** The execution's Status when the reply was a 200 with one. */
  executionStatus?: string;
  startSec?: number;
  endSec?: number;
}

const MAX_BODY = 64 * 1024;

export function sendStatusPoll(
  dispatcher: RequestDispatcher,
  origin: string,
  basePath: string,
  arn: string,
  timeoutMs: number,
): Promise<PollResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let done = false;
    const finish = (r: PollResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const handler = {
      onConnect: () => undefined,
      onHeaders: (code: number) => {
        status = code;
        return true;
      },
      onData: (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(Buffer.from(chunk)); // valid only during the call
        return true;
      },
      onComplete: () => finish(parseReply(status, Buffer.concat(chunks).toString('utf8'))),
      onError: (error: Error) => finish({ status: 0, errorCode: errorCode(error) }),
    } as unknown as Dispatcher.DispatchHandler;
    const options: Dispatcher.DispatchOptions = {
      origin,
      path: `${basePath}/2025-12-01/durable-executions/${encodeURIComponent(arn)}`,
      method: 'GET',
      headers: ['accept', 'application/json'],
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      finish({ status: 0, errorCode: errorCode(error) });
    }
  });
}

function parseReply(status: number, text: string): PollResult {
  if (status !== 200) return { status, errorCode: null };
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const r: PollResult = { status, errorCode: null };
    if (typeof body.Status === 'string') r.executionStatus = body.Status;
    if (typeof body.StartTimestamp === 'number') r.startSec = body.StartTimestamp;
    if (typeof body.EndTimestamp === 'number') r.endSec = body.EndTimestamp;
    return r;
  } catch {
    return { status, errorCode: 'EPROTO' };
  }
}
