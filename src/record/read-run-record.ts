/**
 * readRunRecord: reads and validates `run.json` for `report`, `compare`, `collect` and CI.
 * Throws RecordError (exit 2) when the file is missing, is not JSON, is of another schema
 * version, or does not match the schema; the message says which and what to do.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RecordError } from './record-error.js';
import { RUN_RECORD_SCHEMA_VERSION, runRecordSchema, type RunRecord } from './run-record.js';

/** The file name of the run record inside a run folder. */
export const RUN_RECORD_FILE = 'run.json';

/**
 * runRecordPath: `dir/run.json` for a run folder, or the path itself when it names a file or a
 * `.json` file that does not exist (so applying it twice never gives `run.json/run.json`).
 */
export function runRecordPath(dirOrFile: string): string {
  if (existsSync(dirOrFile)) {
    return statSync(dirOrFile).isFile() ? dirOrFile : join(dirOrFile, RUN_RECORD_FILE);
  }
  return /\.json$/i.test(dirOrFile) ? dirOrFile : join(dirOrFile, RUN_RECORD_FILE);
}

/** readRunRecord accepts a run folder or the path of a run.json; synchronous. */
export function readRunRecord(dirOrFile: string): RunRecord {
  const path = runRecordPath(dirOrFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const folder = basename(path) === RUN_RECORD_FILE ? dirname(path) : dirOrFile;
    throw new RecordError(
      `cannot read run record ${path}: ${why} (is ${folder} a flashcrowd run folder?)`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RecordError(
      `run record ${path} is corrupt: not valid JSON (${(error as Error).message})`,
    );
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== RUN_RECORD_SCHEMA_VERSION) {
    throw new RecordError(
      `run record ${path} has schemaVersion ${JSON.stringify(version)}; this flashcrowd reads version ` +
        `${RUN_RECORD_SCHEMA_VERSION} (use the flashcrowd version that wrote it)`,
    );
  }
  const parsed = runRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more =
      parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : '';
    throw new RecordError(`run record ${path} is corrupt: ${issues.join('; ')}${more}`);
  }
  return parsed.data;
}
