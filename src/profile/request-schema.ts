/**
 * The written form of one request of the weighted mix. Normalized into a RequestSpec by
 * normalize-profile.ts; cross-request rules (unique names, captured variables) are in rules.ts.
 */
import { z } from 'zod';
import { jsonBodyField, templateField } from './schema-fields.js';

/** HTTP methods a request may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const CAPTURE_PATH = /^\$((\.[A-Za-z_$][\w$-]*)|(\[\d+\]))*$/;

/** Header name -> value template. */
export const headersSchema = z
  .record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'is not a valid header name' }),
    templateField('Header value.'),
  )
  .describe('Headers sent with every request; values may be templates such as {{env.API_KEY}}.');

/** One written request. */
export const requestSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be letters, digits, _, . or -' })
      .describe('Unique name; becomes a label in every table and the key of aws.functions.'),
    weight: z.number().positive().default(1).describe('Relative weight in the mix.'),
    method: z.enum(HTTP_METHODS).default('GET').describe('HTTP method.'),
    path: templateField('Path appended to the target base URL.').optional(),
    url: templateField(
      'Absolute URL; overrides target + path (e.g. a Lambda Function URL).',
    ).optional(),
    headers: headersSchema.default({}),
    json: jsonBodyField.optional(),
    body: templateField('Raw request body.').optional(),
    capture: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an identifier' }),
        z.string().regex(CAPTURE_PATH, {
          error: 'must be a path into the JSON reply such as $.id or $.items[0].id',
        }),
      )
      .default({})
      .describe(
        'Variable name -> `$.field` path into the JSON reply; later requests read it as {{name}}.',
      ),
  })
  .superRefine((request, ctx) => {
    if (request.json !== undefined && request.body !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'has both json and body',
        path: ['body'],
        params: { hint: 'keep one of them' },
      });
    }
    if (request.path === undefined && request.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'is required (or give url)',
        path: ['path'],
        params: { hint: 'e.g. path: /notes' },
      });
    }
  })
  .describe('One request of the weighted mix.');

/** A request as the schema returns it (defaults applied, templates still as written). */
export type WrittenRequest = z.output<typeof requestSchema>;
