/**
 * ReplyHandler: what happens to a finished request after its status is recorded: its response
 * checks are run and counted, and its captures go either to the worker's shared CapturePool
 * (`requests:`) or to the flow instance that sent it (the slot's ReplyScope). A request without
 * checks, captures or scope takes the fast path (nothing read). Pool captures are counted as
 * matched/missed on the recorder (captures.unfilled), with one warning per never-matching variable.
 * One per worker; not thread-safe.
 */
import type { CapturePool } from '../mix/capture-pool.js';
import type { BuiltRequest, PreparedRequest } from '../mix/prepared-request.js';
import type { ReplyView } from '../mix/reply-view.js';
import type { RequestRecorder } from '../recorder/request-recorder.js';
import type { RequestSlot } from './request-slot.js';
import { SlotReplyView } from './slot-reply-view.js';

/**
 * ReplyScope: a sender of requests with its own rendering and its own use of replies (a flow
 * instance). `build` renders the request; `onReply` is called once with the reply view (valid
 * only during the call) and the number of checks that failed. `tenantRank` is the tenant every
 * request of the scope carries (1..count), 0 for none.
 */
export interface ReplyScope {
  readonly tenantRank: number;
  build(request: PreparedRequest): BuiltRequest;
  onReply(request: PreparedRequest, reply: ReplyView, failedChecks: number): void;
}

export class ReplyHandler {
  private readonly view = new SlotReplyView();

  constructor(
    private readonly requests: readonly PreparedRequest[],
    private readonly recorder: RequestRecorder,
    private readonly captures: CapturePool,
    /** Called once a variable, when its capture has missed UNFILLED_WARN_AFTER ok replies. */
    private readonly onWarning?: (message: string) => void,
    /**
     * A `durable:` request's reply (the start of an execution), with its planned send time and
     * the scope that sent it (a flow instance's durable step; null for the mix). Called before
     * the scope's onReply.
     */
    private readonly onDurable?: (
      request: PreparedRequest,
      plannedMs: number,
      reply: ReplyView,
      scope: ReplyScope | null,
    ) => void,
  ) {}

  /** onReply handles the end of `slot`'s request (called before the slot is released). */
  onReply(slot: RequestSlot, status: number, errorCode: string | null, latencyMs: number): void {
    const request = this.requests[slot.requestIndex];
    const scope = slot.scope as ReplyScope | null;
    if (
      scope === null &&
      request.checks.names.length === 0 &&
      request.captures.count === 0 &&
      request.durable === undefined
    )
      return;
    const reply = this.view.reset(slot, status, errorCode, latencyMs);
    if (request.durable !== undefined) this.onDurable?.(request, slot.plannedMs, reply, scope);
    const failed = request.checks.run(reply, this.countCheck(slot.requestIndex));
    if (scope !== null) scope.onReply(request, reply, failed);
    else {
      this.captureRequest = request.name;
      request.captures.read(reply, this.addCapture, this.missCapture);
    }
  }

  private countCheck(requestIndex: number): (checkIndex: number, passed: boolean) => void {
    this.checkRequest = requestIndex;
    return this.count;
  }

  private checkRequest = 0;
  private readonly count = (checkIndex: number, passed: boolean): void =>
    this.recorder.checks.count(this.checkRequest, checkIndex, passed);

  private captureRequest = '';
  private readonly addCapture = (name: string, value: string): void => {
    this.captures.add(name, value);
    this.recorder.recordCapture(name, true);
  };
  private readonly missCapture = (name: string, where: string): void => {
    const counts = this.recorder.recordCapture(name, false);
    if (counts.matched === 0 && counts.missed === UNFILLED_WARN_AFTER)
      this.onWarning?.(unfilledMessage(name, where, this.captureRequest, counts.missed));
  };
}

/** Ok replies without a match (and none with one) after which an unfilled capture is warned of. */
export const UNFILLED_WARN_AFTER = 10;

/** The warning of a capture that does not match the replies of its request. */
export function unfilledMessage(
  name: string,
  where: string,
  request: string,
  missed: number,
): string {
  return (
    `capture ${name} (${where} on ${request}) matched none of ${missed} 2xx replies; ` +
    `requests that read {{${name}}} run ${request} instead (gate: captures.unfilled == 0)`
  );
}
