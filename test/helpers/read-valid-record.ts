/**
 * readValidRecord: reads a run folder's run.json and validates it against the published JSON
 * Schema (schemas/run-record.schema.json, with ajv) as a script would, and against the zod schema
 * it is generated from. Every e2e test that produces a record reads it through here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { runRecordSchema, type RunRecord } from '../../src/record/run-record.js';
import { repoRoot } from './run-profile.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(repoRoot, 'schemas/run-record.schema.json'), 'utf8')) as object,
);

export function readValidRecord(dir: string): RunRecord {
  const data: unknown = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  if (!validate(data))
    throw new Error(`run.json does not match its JSON Schema: ${ajv.errorsText(validate.errors)}`);
  return runRecordSchema.parse(data);
}
