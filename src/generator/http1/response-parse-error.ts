/**
 * ResponseParseError: a reply that is not valid HTTP/1.1. `code` is llhttp-style (`HPE_...`),
 * which errorCode (request-slot.ts) maps to EPROTO, as for undici's parser errors.
 */
export class ResponseParseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`malformed HTTP reply: ${message}`);
  }
}
