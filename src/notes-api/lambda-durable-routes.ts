/**
 * LambdaDurableRoutes: the Lambda durable-execution API of the embedded target, for the model's
 * durable functions (`model.durable`), so `@aws-sdk/client-lambda` and the AWS CLI pointed at it
 * (AWS_ENDPOINT_URL) work. Any SigV4 credentials are accepted (the signature is not checked).
 * - `POST /2015-03-31/functions/{name}/invocations` with `X-Amz-Durable-Execution-Name` starts an
 *   execution (idempotent: the same name returns the same ARN) and answers with
 *   `X-Amz-Durable-Execution-Arn`: 202 at once for `X-Amz-Invocation-Type: Event`, else 200 when
 *   the execution ends. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 * - `GET /2025-12-01/durable-executions/{DurableExecutionArn}`: GetDurableExecution.
 *   https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 * - `GET /2025-12-01/functions/{name}/durable-executions`: ListDurableExecutionsByFunction.
 *   https://docs.aws.amazon.com/lambda/latest/api/API_ListDurableExecutionsByFunction.html
 * Paths as @aws-sdk/client-lambda 3.1164 serializes them. GetDurableExecution calls are counted
 * per wall-clock second (`pollStats`, served at `GET /_model/durable`), so a test can check that a
 * run kept under the account's 30 requests/s. Not thread-safe: one per server.
 */
import { randomUUID } from 'node:crypto';
import type { DurableExecutionView } from '../model/durable-executions.js';
import { functionArn } from '../model/durable-executions.js';
import type { PlatformModel } from '../model/platform-model.js';
import type { NotesReply } from './notes-routes.js';

/** A reply of these routes: status, JSON body (null: none) and headers. */
export interface DurableReply extends NotesReply {
  headers?: Record<string, string>;
  /** RequestResponse start: the reply waits for the execution with this ARN to end. */
  waitFor?: string;
}

/** GetDurableExecution calls by wall-clock second. */
export interface PollStats {
  total: number;
  maxInAnySecond: number;
  /** Epoch second -> calls, for the seconds that had any (oldest dropped past 3,600). */
  bySecond: Record<string, number>;
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const GET_EXECUTION = /^\/2025-12-01\/durable-executions\/([^/]+)$/;
const LIST_BY_FUNCTION = /^\/2025-12-01\/functions\/([^/]+)\/durable-executions$/;
/** DurableExecutionName: 1-64 of [A-Za-z0-9_-]. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const KEPT_SECONDS = 3600;

export class LambdaDurableRoutes {
  private readonly seconds = new Map<number, number>();
  private total = 0;
  private maxInAnySecond = 0;

  constructor(
    private readonly model: PlatformModel,
    private readonly region = 'us-east-1',
  ) {}

  /** handles: whether `pathname` is one of these routes (for a durable function or an ARN). */
  handles(pathname: string): boolean {
    const invoke = INVOKE.exec(pathname);
    if (invoke) return this.isDurable(functionOf(invoke[1]));
    return GET_EXECUTION.test(pathname) || LIST_BY_FUNCTION.test(pathname);
  }

  /** handle answers one request of these routes at `nowMs`. */
  handle(
    method: string,
    url: URL,
    headers: Record<string, string | string[] | undefined>,
    bodyText: string,
    nowMs: number,
  ): DurableReply {
    const invoke = INVOKE.exec(url.pathname);
    if (invoke) {
      if (method !== 'POST') return notAllowed(method, 'POST');
      return this.start(functionOf(invoke[1]), headers, bodyText, nowMs);
    }
    if (method !== 'GET' && method !== 'HEAD') return notAllowed(method, 'GET');
    const get = GET_EXECUTION.exec(url.pathname);
    if (get) {
      this.countPoll(nowMs);
      const execution = this.model.durableExecution(safeDecode(get[1]), nowMs);
      return execution
        ? { status: 200, body: this.executionBody(execution) }
        : notFound(`Durable execution not found: ${safeDecode(get[1])}`);
    }
    const list = LIST_BY_FUNCTION.exec(url.pathname) as RegExpExecArray;
    return this.list(functionOf(list[1]), url.searchParams, nowMs);
  }

  /** status: the execution's status at `nowMs` (RequestResponse starts wait on it). */
  status(arn: string, nowMs: number): DurableExecutionView | undefined {
    return this.model.durableExecution(arn, nowMs);
  }

  /** pollStats: GetDurableExecution calls per wall-clock second so far. */
  pollStats(): PollStats {
    return {
      total: this.total,
      maxInAnySecond: this.maxInAnySecond,
      bySecond: Object.fromEntries([...this.seconds].map(([s, n]) => [String(s), n])),
    };
  }

  private start(
    fn: string,
    headers: Record<string, string | string[] | undefined>,
    bodyText: string,
    nowMs: number,
  ): DurableReply {
    const written = first(headers['x-amz-durable-execution-name']);
    if (written !== undefined && !NAME.test(written))
      return invalid(
        `X-Amz-Durable-Execution-Name must be 1-64 letters, digits, - or _ (got "${written}")`,
      );
    const name = written ?? randomUUID();
    const started = this.model.startDurable(fn, name, Buffer.byteLength(bodyText), nowMs);
    if (started.kind === 'unknown-function') return notFound(`Function not found: ${fn}`);
    const arn = started.execution.arn;
    const type = first(headers['x-amz-invocation-type']) ?? 'RequestResponse';
    const replyHeaders = {
      'x-amz-durable-execution-arn': arn,
      'x-amz-executed-version': '$LATEST',
    };
    if (type === 'Event') return { status: 202, body: null, headers: replyHeaders };
    return { status: 200, body: null, headers: replyHeaders, waitFor: arn };
  }

  private list(fn: string, query: URLSearchParams, nowMs: number): DurableReply {
    const name = query.get('DurableExecutionName') ?? undefined;
    const statuses = query.getAll('Statuses');
    const all = this.model.durableExecutions(fn, nowMs, {
      ...(name !== undefined ? { name } : {}),
      statuses,
    });
    if (all === undefined) return notFound(`Function not found: ${fn}`);
    if (query.get('ReverseOrder') === 'true') all.reverse();
    const from = Number(query.get('Marker') ?? 0) || 0;
    const max = Math.min(1000, Number(query.get('MaxItems') ?? 1000) || 1000);
    const page = all.slice(from, from + max);
    return {
      status: 200,
      body: {
        DurableExecutions: page.map((e) => ({
          DurableExecutionArn: e.arn,
          DurableExecutionName: e.name,
          FunctionArn: functionArn(this.region, e.functionName),
          Status: e.status,
          StartTimestamp: e.startMs / 1000,
          ...(e.endMs !== undefined ? { EndTimestamp: e.endMs / 1000 } : {}),
        })),
        ...(from + max < all.length ? { NextMarker: String(from + max) } : {}),
      },
    };
  }

  private executionBody(e: DurableExecutionView): Record<string, unknown> {
    return {
      DurableExecutionArn: e.arn,
      DurableExecutionName: e.name,
      FunctionArn: `${functionArn(this.region, e.functionName)}:$LATEST`,
      Status: e.status,
      StartTimestamp: e.startMs / 1000,
      ...(e.endMs !== undefined ? { EndTimestamp: e.endMs / 1000 } : {}),
      ...(e.error ? { Error: { ErrorType: e.error.type, ErrorMessage: e.error.message } } : {}),
      Version: '$LATEST',
    };
  }

  private countPoll(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const n = (this.seconds.get(second) ?? 0) + 1;
    this.seconds.set(second, n);
    this.total++;
    if (n > this.maxInAnySecond) this.maxInAnySecond = n;
    if (this.seconds.size > KEPT_SECONDS) {
      const oldest = this.seconds.keys().next().value;
      if (oldest !== undefined) this.seconds.delete(oldest);
    }
  }

  private isDurable(fn: string): boolean {
    return this.model.params.durable?.[fn] !== undefined;
  }
}

/** The function name of an Invoke path segment: a name, `name:qualifier`, or a function ARN. */
function functionOf(segment: string): string {
  const decoded = safeDecode(segment);
  const arn = /^arn:aws[a-z-]*:lambda:[^:]+:\d+:function:([^:]+)/.exec(decoded);
  if (arn) return arn[1];
  return decoded.split(':')[0];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function notFound(message: string): DurableReply {
  return {
    status: 404,
    body: { Type: 'User', message },
    headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
  };
}

function invalid(message: string): DurableReply {
  return {
    status: 400,
    body: { Type: 'User', message },
    headers: { 'x-amzn-errortype': 'InvalidParameterValueException' },
  };
}

function notAllowed(method: string, allowed: string): DurableReply {
  return {
    status: 405,
    body: { message: `${method} is not allowed here; use ${allowed}` },
    headers: { allow: allowed },
  };
}
