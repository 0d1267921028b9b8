/**
 * readRunRecordOrRecover: readRunRecord, plus recovery of a record left `running`: such a
 * record's run ended without its final write, so it is rebuilt from the `timeline.ndjson` beside
 * it (recover-run-record.ts) and comes back with status `incomplete`. For `report` and `compare`;
 * synchronous; throws RecordError as readRunRecord does.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readRunRecord, runRecordPath } from './read-run-record.js';
import { recoverRunRecord } from './recover-run-record.js';
import type { RunRecord } from './run-record.js';

/** The record, and whether it was rebuilt from the timeline. */
export function readRunRecordOrRecover(dirOrFile: string): {
  record: RunRecord;
  recovered: boolean;
} {
  const path = runRecordPath(dirOrFile);
  const record = readRunRecord(path);
  if (record.status !== 'running') return { record, recovered: false };
  let text: string | null;
  try {
    text = readFileSync(join(dirname(path), 'timeline.ndjson'), 'utf8');
  } catch {
    text = null;
  }
  return { record: recoverRunRecord(record, text), recovered: true };
}
