/**
 * The written form of one request of the weighted mix. Normalized into a RequestSpec by
 * normalize-profile.ts; cross-request rules (unique names, captured variables) are in rules.ts.
 */
import * as z from 'zod';
import { captureSchema } from './capture-schema.js';
import { expectSchema } from './expect-schema.js';
import { invokeSchema } from './invoke-schema.js';
import { durableSchema } from './durable-schema.js';
import { durationField, jsonBodyField, templateField } from './schema-fields.js';

/** HTTP methods a request may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Header name -> value template. */
export const headersSchema = z
  .record(
    z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'is not a valid header name' }),
    templateField('Header value.'),
  )
  .describe('Headers sent with every request; values may be templates such as {{env.API_KEY}}.');

const nameField = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be letters, digits, _, . or -' })
  .describe('Unique name; becomes a label in every table and the key of aws.functions.');

/** The fields a request and a flow step share (besides the name). */
const requestFields = {
  method: z
    .enum(HTTP_METHODS)
    .optional()
    .describe('HTTP method (default GET; an invoke: is always POST).'),
  path: templateField('Path appended to the target base URL.').optional(),
  url: templateField(
    'Absolute URL; overrides target + path (e.g. a Lambda Function URL).',
  ).optional(),
  headers: headersSchema.default({}),
  json: jsonBodyField.optional(),
  body: templateField('Raw request body.').optional(),
  capture: captureSchema,
  expect: expectSchema.optional(),
  invoke: invokeSchema.optional(),
  durable: durableSchema.optional(),
};

/**
 * Rules within one request or step: one body at most; an `invoke:` has no path, url or method
 * other than POST (the Invoke API fixes them). Whether a request without path, url or invoke is
 * allowed depends on the target (a `lambda:` target invokes it): see missingPathIssues.
 */
function checkBodyAndTarget(
  request: {
    json?: unknown;
    body?: string;
    path?: string;
    url?: string;
    method?: string;
    invoke?: unknown;
    durable?: unknown;
  },
  ctx: z.core.$RefinementCtx,
): void {
  if (request.durable !== undefined) {
    for (const key of ['path', 'url', 'json', 'body'] as const)
      if (request[key] !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: `a durable request has no ${key}`,
          path: [key],
          params: { hint: 'durable.payload is the execution input' },
        });
    return;
  }
  if (request.json !== undefined && request.body !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'has both json and body',
      path: ['body'],
      params: { hint: 'keep one of them' },
    });
  }
  if (request.invoke === undefined) return;
  for (const key of ['path', 'url'] as const)
    if (request[key] !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `cannot be combined with invoke (an Invoke goes to POST /2015-03-31/functions/{function}/invocations)`,
        path: [key],
        params: { hint: `drop ${key}, or drop invoke for an HTTP request` },
      });
  if (request.method !== undefined && request.method !== 'POST')
    ctx.addIssue({
      code: 'custom',
      message: `is ${request.method}, but an Invoke is always POST`,
      path: ['method'],
      params: { hint: 'drop method (or write POST)' },
    });
}

/** One written request of the weighted mix. */
export const requestSchema = z
  .strictObject({
    name: nameField,
    weight: z.number().positive().default(1).describe('Relative weight in the mix.'),
    ...requestFields,
  })
  .superRefine(checkBodyAndTarget)
  .describe('One request of the weighted mix.');

/** A request as the schema returns it (defaults applied, templates still as written). */
export type WrittenRequest = z.output<typeof requestSchema>;

/** One written step of a flow: a request, plus the pause after it. */
export const stepSchema = z
  .strictObject({
    name: nameField,
    ...requestFields,
    think: durationField('Pause after this step’s reply, before the next step.', true).default(0),
  })
  .superRefine(checkBodyAndTarget)
  .describe(
    'One step of a flow; its captures are visible to the later steps of the same instance. A durable: step waits for its execution to end (or its poll.timeout) before its think time.',
  );

/** A step as the schema returns it. */
export type WrittenStep = z.output<typeof stepSchema>;
