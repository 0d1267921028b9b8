/**
 * The written form of `expect:`, the response checks of a request or flow step:
 * `{ status: 200 | [200, 201] | 2xx, header: { name: value | /regex/ }, json: { "$.path": value |
 * exists }, bodyContains: text, within: 500ms }`. Unknown keys are errors (strict objects).
 * Normalized into an ExpectSpec by normalize-expect.ts.
 */
import * as z from 'zod';
import { jsonPathIssue } from './json-path-syntax.js';
import { durationField } from './schema-fields.js';

/** A header value written as `/pattern/flags` is a regular expression; anything else is exact. */
export const HEADER_REGEX = /^\/(.*)\/([dgimsuvy]*)$/s;

const statusCode = z.number().int().min(100).max(599);
const statusClass = z
  .string()
  .regex(/^[1-5]xx$/, { error: 'must be a status code such as 200 or a class such as 2xx' });
const statusRule = z.union([statusCode, statusClass]);

const headerValue = z
  .string()
  .superRefine((value, ctx) => {
    const match = HEADER_REGEX.exec(value);
    if (!match) return;
    try {
      new RegExp(match[1], match[2]);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a regular expression: ${(error as Error).message}`,
        params: { hint: 'write /pattern/flags, or a plain value to compare exactly' },
      });
    }
  })
  .describe('Exact value, or /pattern/flags (a JavaScript regular expression).');

const jsonPathKey = z.string().superRefine((path, ctx) => {
  const issue = jsonPathIssue(path);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

const jsonExpected = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .describe('The value at the path (compared exactly), or the word `exists`.');

/** The schema of one `expect:` block. */
export const expectSchema = z
  .strictObject({
    status: z
      .union([statusRule, z.array(statusRule).min(1)])
      .optional()
      .describe('Status the reply must have: 200, [200, 201] or a class such as 2xx.'),
    header: z
      .record(
        z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'is not a valid header name' }),
        headerValue,
      )
      .optional()
      .describe('Reply header name -> exact value or /regex/ (names are case-insensitive).'),
    json: z
      .record(jsonPathKey, jsonExpected)
      .optional()
      .describe('JSONPath into the reply -> the value it must have, or `exists`.'),
    bodyContains: z.string().min(1).optional().describe('Text the reply body must contain.'),
    within: durationField('The reply must arrive within this long of the planned send.').optional(),
  })
  .describe(
    'Response checks. A failed check is counted (checks.failure_rate), never an error that stops the run.',
  );

/** `expect:` as the schema returns it. */
export type WrittenExpect = z.output<typeof expectSchema>;
