/**
 * RunRecordWriter: the run folder on disk. `timeline.ndjson` gets one line a second while the run
 * goes (each line one synchronous append, so a crash leaves valid NDJSON); `run.json` is replaced
 * atomically (temp file + rename), so a reader never sees half a record.
 *
 * A full disk (or any write error) loses nothing already written: a failed final write removes its
 * temp file, keeps the earlier run.json (a `running` record, which `report` rebuilds from the
 * timeline) and throws RecordWriteError naming the file; a failed timeline append stops further
 * appends (so no line is ever glued to a torn one), keeps the lines before it, and is reported
 * once through `timelineFailure`.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonChunks } from './json-chunks.js';
import type { RunRecord, TimelineEntry } from './run-record.js';

/** The file operations the writer uses (node:fs by default; tests inject failing ones). */
export interface RecordFiles {
  writeFileSync(path: string, text: string): void;
  appendFileSync(path: string, text: string): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
}

/** Characters of timeline lines per append in appendTimelineAll. */
const TIMELINE_CHUNK_CHARS = 1 << 20;

const nodeFiles: RecordFiles = { writeFileSync, appendFileSync, renameSync, rmSync };

/** A run-folder file could not be written (exit 3); the message names the file and what is kept. */
export class RecordWriteError extends Error {
  override name = 'RecordWriteError';
}

export class RunRecordWriter {
  readonly timelinePath: string;
  readonly recordPath: string;
  /** Why appending to the timeline stopped (null while it works); set once. */
  timelineFailure: string | null = null;

  /** Creates the folder (and parents) and an empty timeline file. */
  constructor(
    readonly dir: string,
    private readonly files: RecordFiles = nodeFiles,
  ) {
    mkdirSync(dir, { recursive: true });
    this.timelinePath = join(dir, 'timeline.ndjson');
    this.recordPath = join(dir, 'run.json');
    files.writeFileSync(this.timelinePath, '');
  }

  /** appendTimeline appends one entry as one line; never throws (see timelineFailure). */
  appendTimeline(entry: TimelineEntry): void {
    if (this.timelineFailure !== null) return;
    try {
      this.files.appendFileSync(this.timelinePath, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      this.timelineFailure = `cannot append to ${this.timelinePath} (${errorCode(error)}); the lines before second ${entry.second} are kept`;
    }
  }

  /**
   * appendTimelineAll appends many entries, as appendTimeline would one by one, in appends of
   * about 1 MiB of whole lines (a simulation's timeline at its end: fewer system calls); never
   * throws (see timelineFailure: the lines of the appends before the failed one are kept).
   */
  appendTimelineAll(entries: readonly TimelineEntry[]): void {
    let text = '';
    let first = 0;
    for (let i = 0; i <= entries.length && this.timelineFailure === null; i++) {
      if (i < entries.length) text += `${JSON.stringify(entries[i])}\n`;
      if (text === '' || (i < entries.length && text.length < TIMELINE_CHUNK_CHARS)) continue;
      try {
        this.files.appendFileSync(this.timelinePath, text);
      } catch (error) {
        this.timelineFailure = `cannot append to ${this.timelinePath} (${errorCode(error)}); the lines before second ${entries[first].second} are kept`;
      }
      text = '';
      first = i + 1;
    }
  }

  /** writeRecord replaces run.json atomically; throws RecordWriteError and keeps the old one. */
  writeRecord(record: RunRecord): void {
    writeRecordFile(this.recordPath, record, this.files);
  }
}

/** writeRecordFile writes any run record to `path` atomically (temp + rename); see the file comment. */
export function writeRecordFile(
  path: string,
  record: RunRecord,
  files: RecordFiles = nodeFiles,
): void {
  const temp = `${path}.tmp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    // In pieces (jsonChunks): a long run's record is never one string the size of the file.
    files.writeFileSync(temp, '');
    jsonChunks(record, (text) => files.appendFileSync(temp, text));
    files.appendFileSync(temp, '\n');
    files.renameSync(temp, path);
  } catch (error) {
    try {
      files.rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done; the message below still names the file.
    }
    throw new RecordWriteError(
      `cannot write ${path} (${errorCode(error)}); the earlier ${path} is kept, and the timeline ` +
        'beside it holds every second written so far (flashcrowd report rebuilds the run from it)',
    );
  }
}

function errorCode(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(e.message ?? e);
}

/** newRunId returns a sortable id like `20261127-014502-needlepoint`, from a time and a name. */
export function newRunId(now: Date, profileName: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const slug = profileName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${stamp}-${slug || 'run'}`;
}
