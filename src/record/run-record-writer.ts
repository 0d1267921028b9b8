/**
 * RunRecordWriter: the run folder on disk. `timeline.ndjson` gets one line a second while the run
 * goes (each line one synchronous append, so a crash leaves valid NDJSON); `run.json` is replaced
 * atomically (temp file + rename), so a reader never sees half a record.
 */
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord, TimelineEntry } from './run-record.js';

export class RunRecordWriter {
  readonly timelinePath: string;
  readonly recordPath: string;

  /** Creates the folder (and parents) and an empty timeline file. */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.timelinePath = join(dir, 'timeline.ndjson');
    this.recordPath = join(dir, 'run.json');
    writeFileSync(this.timelinePath, '');
  }

  /** appendTimeline appends one entry as one line. */
  appendTimeline(entry: TimelineEntry): void {
    appendFileSync(this.timelinePath, `${JSON.stringify(entry)}\n`);
  }

  /** writeRecord replaces run.json atomically. */
  writeRecord(record: RunRecord): void {
    writeRecordFile(this.recordPath, record);
  }
}

/** writeRecordFile writes any run record to `path` atomically (temp + rename). */
export function writeRecordFile(path: string, record: RunRecord): void {
  const temp = `${path}.tmp-${Date.now()}`;
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temp, path);
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
