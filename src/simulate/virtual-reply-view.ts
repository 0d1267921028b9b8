/**
 * VirtualReplyView: the ReplyView of a virtual reply (simulate). The body is data already; its
 * text is JSON.stringify of it, as the embedded server sends it, with the same headers the server
 * sets (content-type and content-length). Reused for every reply; valid only during the call it is
 * passed to. Not thread-safe.
 */
import type { ReplyView } from '../mix/reply-view.js';

const NO_VALUES: string[] = [];

export class VirtualReplyView implements ReplyView {
  status = 0;
  errorCode: string | null = null;
  latencyMs = 0;
  private body: unknown = null;
  private bodyText: string | null = null;
  private headers: Record<string, string> | undefined = undefined;

  /**
   * reset points the view at one reply (`status` a code, or a transport error code); `headers`
   * are the reply's own (lower-case names), beyond content-type and content-length.
   */
  reset(
    status: number | string,
    body: unknown,
    latencyMs: number,
    headers?: Record<string, string>,
  ): this {
    this.headers = headers;
    this.status = typeof status === 'number' ? status : 0;
    this.errorCode = typeof status === 'string' ? status : null;
    this.body = body;
    this.bodyText = null;
    this.latencyMs = latencyMs;
    return this;
  }

  headerValues(name: string): string[] {
    if (this.errorCode !== null) return NO_VALUES;
    if (name === 'content-length') return [String(Buffer.byteLength(this.text()))];
    if (name === 'content-type' && this.text() !== '') return ['application/json'];
    const own = this.headers?.[name];
    return own === undefined ? NO_VALUES : [own];
  }

  text(): string {
    this.bodyText ??=
      this.body === null || this.body === undefined ? '' : JSON.stringify(this.body);
    return this.bodyText;
  }

  json(): unknown {
    return this.body === null ? undefined : this.body;
  }
}
