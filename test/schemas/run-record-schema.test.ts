// schemas/run-record.schema.json is generated from runRecordSchema (src/record/run-record.ts).
// This test fails when the two drift; UPDATE_SCHEMAS=1 rewrites the file.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { runRecordSchema } from '../../src/record/run-record.js';
import { expectFileInSync } from './sync-json-file.js';

const PATH = 'schemas/run-record.schema.json';
const COMMAND = 'npx vitest run test/schemas/run-record-schema.test.ts';

function generated(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(runRecordSchema, { io: 'output' }),
    title: 'flashcrowd run record (run.json)',
  };
}

describe('schemas/run-record.schema.json', () => {
  test('matches runRecordSchema', () => {
    expectFileInSync(PATH, generated(), COMMAND);
  });

  test('is a valid JSON Schema that rejects a record without its top-level keys', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(PATH, 'utf8')));
    expect(validate({ schemaVersion: 1 })).toBe(false);
    const missing = (validate.errors ?? []).map((error) => error.params).map((p) => (p as { missingProperty?: string }).missingProperty);
    // Each of these top-level keys is promised by DESIGN.md "The run record".
    for (const key of ['runId', 'status', 'profile', 'totals', 'latencyMs', 'timeline', 'gates']) {
      expect(missing).toContain(key);
    }
  });
});
