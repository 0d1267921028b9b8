/**
 * CaptureReader: the `capture:` of one request, compiled once, reading each captured value from an
 * ok reply (2xx or 3xx): a JSONPath into the JSON body, a reply header, or a regular expression
 * on the body text. Pure; shared by the generator and simulate.
 */
import type { CaptureSpec } from '../profile/types.js';
import { extractJsonPath } from './json-path.js';
import type { ReplyNeeds, ReplyView } from './reply-view.js';
import { firstHeader, isOkStatus } from './reply-view.js';

/** The compiled captures of one request. */
export interface CaptureReader {
  readonly count: number;
  readonly needs: ReplyNeeds;
  /**
   * read calls `found(name, value)` for every value present in an ok reply, and `missed(name,
   * where)` for every capture absent from it (`where`: its path, header or pattern); nothing for a
   * reply that is not ok.
   */
  read(
    reply: ReplyView,
    found: (name: string, value: string) => void,
    missed?: (name: string, where: string) => void,
  ): void;
}

type Reader = (reply: ReplyView) => string | undefined;

/** compileCaptures compiles a request's `capture:` map. */
export function compileCaptures(capture: Record<string, CaptureSpec>): CaptureReader {
  const readers: Array<[string, Reader, string]> = Object.entries(capture).map(([name, spec]) => [
    name,
    readerOf(spec),
    whereOf(spec),
  ]);
  const specs = Object.values(capture);
  return {
    count: readers.length,
    needs: {
      body: specs.some((s) => s.from !== 'header'),
      headers: specs.some((s) => s.from === 'header'),
    },
    read(reply, found, missed) {
      if (readers.length === 0 || reply.errorCode !== null || !isOkStatus(reply.status)) return;
      for (const [name, read, where] of readers) {
        const value = read(reply);
        if (value !== undefined) found(name, value);
        else missed?.(name, where);
      }
    },
  };
}

function readerOf(spec: CaptureSpec): Reader {
  switch (spec.from) {
    case 'json':
      return (reply) => extractJsonPath(reply.json(), spec.path);
    case 'header':
      return (reply) => firstHeader(reply, spec.name);
    case 'regex': {
      const pattern = new RegExp(spec.source);
      return (reply) => pattern.exec(reply.text())?.[spec.group];
    }
  }
}

/** Where a capture reads from, for warnings: its JSONPath, `header NAME` or `/PATTERN/`. */
function whereOf(spec: CaptureSpec): string {
  switch (spec.from) {
    case 'json':
      return spec.path;
    case 'header':
      return `header ${spec.name}`;
    case 'regex':
      return `/${spec.source}/`;
  }
}
