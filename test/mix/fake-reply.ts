/** fakeReply: a ReplyView over plain values, for tests of checks and captures. */
import type { ReplyView } from '../../src/mix/reply-view.js';

export function fakeReply(
  reply: Partial<{
    status: number;
    errorCode: string | null;
    latencyMs: number;
    headers: Record<string, string[]>;
    body: string;
  }>,
): ReplyView {
  const body = reply.body ?? '';
  return {
    status: reply.status ?? 200,
    errorCode: reply.errorCode ?? null,
    latencyMs: reply.latencyMs ?? 10,
    headerValues: (name) => reply.headers?.[name] ?? [],
    text: () => body,
    json: () => {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
