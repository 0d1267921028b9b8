/**
 * readTraceFile: reads and parses a trace file without holding it as one string. A CSV trace is
 * read in 1 MiB chunks and parsed line by line (parseTraceLines), so a file of 10 million rows
 * stops at the row limit instead of exhausting memory; a JSON trace larger than
 * LIMITS.jsonTraceBytes is refused before it is read. Throws the file system's error (ENOENT,
 * EISDIR, ...) for a file it cannot open; the caller turns that into an issue.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LIMITS } from './limits.js';
import { parseTrace, parseTraceLines, type TraceResult } from './trace-file.js';

const CHUNK_BYTES = 1024 * 1024;

export function readTraceFile(path: string, fileName: string): TraceResult {
  if (fileName.toLowerCase().endsWith('.json')) {
    const fd = openSync(path, 'r');
    let size: number;
    try {
      size = fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
    if (size > LIMITS.jsonTraceBytes)
      return {
        ok: false,
        message: `${fileName}: is ${size} bytes; a JSON trace may be at most ${LIMITS.jsonTraceBytes}`,
        hint: 'write large traces as CSV (t,rate), which is streamed',
      };
    return parseTrace(readFileSync(path, 'utf8'), fileName);
  }
  const fd = openSync(path, 'r');
  try {
    return parseTraceLines(fileLines(fd), fileName);
  } finally {
    closeSync(fd);
  }
}

/** The lines of an open file, read a chunk at a time (line endings \n or \r\n). */
function* fileLines(fd: number): Generator<string> {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (n === 0) break;
    const text = rest + decoder.write(buffer.subarray(0, n));
    const lines = text.split(/\r?\n/);
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}
