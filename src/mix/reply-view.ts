/**
 * ReplyView: what checks and captures may read of one reply, whichever engine produced it (the
 * generator's undici slot or simulate's virtual API). Body and headers are read lazily: an engine
 * keeps them only when a check or capture of the request needs them (see needsBody/needsHeaders),
 * and a view is valid only during the synchronous call it is handed to.
 */
export interface ReplyView {
  /** HTTP status; 0 when the request failed without one. */
  readonly status: number;
  /** Transport error code (ECONNREFUSED, ETIMEDOUT, ...), or null for a reply. */
  readonly errorCode: string | null;
  /** From the planned send time to the end of the reply (ms). */
  readonly latencyMs: number;
  /** Every value of a header (`name` in lower case), in order; [] when absent or not kept. */
  headerValues(name: string): string[];
  /** The body as UTF-8 text ('' when empty or not kept). */
  text(): string;
  /** The body parsed as JSON; undefined when it is not JSON (parsed at most once). */
  json(): unknown;
}

/** What a request's checks and captures need kept of its replies. */
export interface ReplyNeeds {
  body: boolean;
  headers: boolean;
}

/** firstHeader: the first value of header `name` (lower case), or undefined. */
export function firstHeader(reply: ReplyView, name: string): string | undefined {
  return reply.headerValues(name)[0];
}

/** isOkStatus: 2xx and 3xx, the replies that count as ok and whose values may be captured. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status < 400;
}
