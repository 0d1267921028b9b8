/** renderJson: the run record as pretty JSON, exactly the run.json shape. Pure. */
import type { RunRecord } from '../record/run-record.js';

/** renderJson returns `JSON.stringify(record, null, 2)` plus a final newline. */
export function renderJson(record: RunRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
