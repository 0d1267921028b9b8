/**
 * The written profile: the one zod schema of what users write in YAML or JSON. It is exported
 * as JSON Schema to profiles/schema.json (kept in sync by test/profile/profile-schema.test.ts,
 * `UPDATE_SCHEMAS=1` rewrites it) for editor completion. It checks every value on its own;
 * rules.ts checks what spans values. No transforms: normalize-profile.ts builds the Profile.
 */
import * as z from 'zod';
import { flowSchema } from './flow-schema.js';
import { phaseSchema } from './phase-schema.js';
import { isLambdaTarget } from './lambda-target.js';
import { headersSchema, requestSchema } from './request-schema.js';
import { durationField, gateExpressionField } from './schema-fields.js';
import { tenantsSchema } from './tenants-schema.js';

const loadSchema = z
  .strictObject({
    model: z
      .enum(['open', 'closed'])
      .default('open')
      .describe(
        'open = an arrival rate, independent of replies; closed = virtual users with think time.',
      ),
    maxInFlight: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe(
        'Past this many requests (or flow instances) in flight, arrivals are dropped and counted, never delayed.',
      ),
    arrivals: z
      .enum(['uniform', 'poisson'])
      .default('uniform')
      .describe('Spacing of arrivals: evenly spaced, or a seeded Poisson process.'),
    maxLateness: durationField(
      'Open model: an arrival the generator could not send within this long of its planned time is dropped and counted (dropped.late), never sent late without bound.',
    ).default('1s'),
    thinkTime: durationField('Closed model: pause between one user’s requests.', true).default(0),
    phases: z.array(phaseSchema).min(1).describe('Load phases, run one after another.'),
  })
  .describe('The shape of the traffic.');

const gateSchema = z
  .union([
    gateExpressionField,
    z.strictObject({
      expr: gateExpressionField,
      abortOnFail: z.boolean().default(false).describe('Stop the run as soon as the gate fails.'),
      delay: durationField(
        'With abortOnFail: evaluate only after this long into the run.',
        true,
      ).default(0),
    }),
  ])
  .describe('A pass/fail criterion, e.g. "http.p99 < 800ms".');

const awsSchema = z
  .strictObject({
    region: z
      .string()
      .min(1)
      .optional()
      .describe('AWS region of the functions (default: the SDK default).'),
    functions: z
      .record(z.string(), z.string().min(1))
      .default({})
      .describe('Request name -> Lambda function name (optionally name:qualifier).'),
    capacityProvider: z.string().min(1).optional().describe('LMI capacity provider to observe.'),
    apiGateway: z
      .strictObject({
        restApiName: z.string().optional(),
        httpApiId: z.string().optional(),
        stage: z.string().optional(),
      })
      .optional()
      .describe('API Gateway in front of the functions, for apigw.* metrics.'),
  })
  .describe('Where the platform metrics of the target come from.');

const authSchema = z
  .strictObject({
    type: z.literal('aws-sigv4').describe('Sign requests with AWS Signature Version 4.'),
    service: z.string().min(1).describe('Service name to sign for, e.g. lambda or execute-api.'),
    region: z.string().min(1).optional().describe('Region to sign for (default: aws.region).'),
  })
  .describe(
    'Request signing for IAM-protected endpoints: every request is signed with SigV4 (body hash included) using the AWS default credential chain.',
  );

const tlsSchema = z
  .strictObject({
    ca: z
      .string()
      .min(1)
      .optional()
      .describe('PEM file of CA certificates to trust (relative to the profile); --ca overrides.'),
    cert: z
      .string()
      .min(1)
      .optional()
      .describe('PEM client certificate for mutual TLS (with key); --cert overrides.'),
    key: z
      .string()
      .min(1)
      .optional()
      .describe('PEM private key of the client certificate; --key overrides.'),
    servername: z
      .string()
      .min(1)
      .optional()
      .describe(
        'TLS server name (SNI) and the name the certificate must match; --servername overrides.',
      ),
    insecure: z
      .boolean()
      .default(false)
      .describe('Accept any server certificate (still encrypted); --insecure sets it.'),
  })
  .describe('TLS options for https:// targets.');

/** The schema of a written profile (YAML or JSON), with defaults and descriptions. */
export const profileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference, for editors.'),
    name: z.string().min(1).optional().describe('Name of the profile (default: the file name).'),
    description: z.string().optional().describe('What this profile tests.'),
    target: z
      .string()
      .refine((t) => isLambdaTarget(t) || /^https?:\/\/[^/]/.test(t), {
        error: 'must be an http:// or https:// URL, or lambda:FUNCTION[:QUALIFIER]',
      })
      .optional()
      .describe(
        'Base URL of the API under test, or lambda:FUNCTION[:QUALIFIER] to send Lambda Invokes; --target overrides.',
      ),
    platform: z
      .enum(['on-demand', 'lmi'])
      .default('on-demand')
      .describe('Platform of the embedded target and of simulate; --platform overrides.'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Seed of every random choice; --seed overrides.'),
    load: loadSchema,
    requests: z
      .array(requestSchema)
      .min(1)
      .optional()
      .describe('The weighted mix of requests (captures go to pools shared per worker).'),
    flows: z
      .array(flowSchema)
      .min(1)
      .optional()
      .describe('Weighted flows of steps; each arrival (or user loop) runs one flow instance.'),
    headers: headersSchema.default({}),
    gates: z
      .array(gateSchema)
      .default([])
      .describe('Pass/fail criteria, applied after the run (exit 1 on failure).'),
    tenants: tenantsSchema.optional(),
    aws: awsSchema.optional(),
    auth: authSchema.optional(),
    tls: tlsSchema.optional(),
    http2: z
      .boolean()
      .default(false)
      .describe('Offer HTTP/2 to https:// targets (TLS ALPN); --http2 sets it.'),
    model: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Overrides of the scaling model of the embedded target and simulate.'),
  })
  .superRefine((profile, ctx) => {
    if (profile.requests === undefined && profile.flows === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'needs requests or flows',
        path: ['requests'],
        params: { hint: 'give a weighted mix of requests:, flows: of steps, or both' },
      });
  })
  .meta({
    title: 'flashcrowd profile',
    description: 'A load profile for flashcrowd run, simulate and plan.',
  });

/** A profile as the schema returns it: defaults applied, durations and templates as written. */
export type WrittenProfile = z.output<typeof profileSchema>;
