/**
 * The record of a run that ended without its traffic's statistics: it sent nothing (target
 * unreachable, a signal before the start) or a worker crashed. With reports on, its junit.xml (a
 * failing `run status` testcase) is written too, so that a CI step reading JUnit files sees the
 * failure rather than no file at all.
 */
import type { RunRecord } from '../../record/run-record.js';
import type { RunContext } from './run-context.js';

/** failedRecord: what is known without the workers' statistics, ended now. */
export function failedRecord(
  run: RunContext,
  status: RunRecord['status'],
  reason: string,
): RunRecord {
  return { ...run.partial(status, reason), endedAt: new Date().toISOString() };
}

/** writeFailedRecord writes `record` and, with reports on, its junit.xml. */
export async function writeFailedRecord(run: RunContext, record: RunRecord): Promise<void> {
  run.writer.writeRecord(record);
  if (!run.o.reports) return;
  const { writeReports } = await import('../../report/write-reports.js');
  writeReports(run.dir, record, ['junit']);
}
