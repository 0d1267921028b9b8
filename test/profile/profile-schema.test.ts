// profiles/schema.json is generated from profileSchema (src/profile/profile-schema.ts) for editor
// completion. This test fails when the two drift; UPDATE_SCHEMAS=1 rewrites the file. It also
// checks that the JSON Schema and the zod schema agree on the shipped profiles and on a bad one.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import * as z from 'zod';
import { profileSchema } from '../../src/profile/profile-schema.js';
import { expectFileInSync } from '../schemas/sync-json-file.js';

const PATH = 'profiles/schema.json';
const COMMAND = 'npx vitest run test/profile/profile-schema.test.ts';

function compiledSchema() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(PATH, 'utf8')));
}

describe('profiles/schema.json', () => {
  test('matches profileSchema (input side: defaults are optional)', () => {
    expectFileInSync(PATH, z.toJSONSchema(profileSchema, { io: 'input' }), COMMAND);
  });

  test('carries descriptions and defaults for editors', () => {
    const text = readFileSync(PATH, 'utf8');
    const schema = JSON.parse(text);
    expect(schema.properties.load.properties.maxInFlight.default).toBe(10_000);
    expect(schema.properties.platform.default).toBe('on-demand');
    expect(schema.properties.requests.description).toMatch(/weighted mix/);
  });

  const shipped = readdirSync('profiles').filter((name) => name.endsWith('.yaml'));
  test.each(shipped)('accepts the shipped profile %s', (name) => {
    const validate = compiledSchema();
    const ok = validate(parse(readFileSync(`profiles/${name}`, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('rejects an unknown key and a negative rate, as the zod schema does', () => {
    const validate = compiledSchema();
    const profile = {
      load: { phases: [{ duration: 10, rate: -1 }] },
      requests: [{ name: 'a', path: '/' }],
      reqests: [],
    };
    expect(validate(profile)).toBe(false);
    expect(profileSchema.safeParse(profile).success).toBe(false);
  });
});
