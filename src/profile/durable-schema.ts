/**
 * durableSchema: a request's `durable:` block. The request starts a durable execution of
 * `function` with Invoke (the `name` template is the idempotency key, sent as
 * `X-Amz-Durable-Execution-Name`) and follows it to a terminal status with GetDurableExecution
 * every `poll.every` (at least 100 ms), for at most `poll.timeout`; `poll: cloudwatch` sends no
 * status polls and reads the outcome from the durable CloudWatch metrics only.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetDurableExecution.html
 */
import * as z from 'zod';
import { durationToMs } from './duration.js';
import { durationField, jsonBodyField, templateField } from './schema-fields.js';

/** The shortest poll interval accepted (ms): the account's 30 polls/s are shared by every execution. */
export const MIN_POLL_EVERY_MS = 100;

const pollSchema = z
  .union([
    z.literal('cloudwatch'),
    z.strictObject({
      every: durationField('Interval between two status polls of one execution (>= 100ms).')
        .default('2s')
        .superRefine((value, ctx) => {
          const ms = durationToMs(value);
          if (ms !== undefined && ms > 0 && ms < MIN_POLL_EVERY_MS)
            ctx.addIssue({
              code: 'custom',
              message: `must be at least 100ms (got ${ms} ms)`,
              params: {
                hint: 'GetDurableExecution allows 30 requests/s per account; poll every 1s or more',
              },
            });
        }),
      timeout: durationField(
        'Stop following an execution after this long (it counts as running).',
      ).default('15m'),
    }),
  ])
  .default({ every: '2s', timeout: '15m' })
  .describe(
    'How the execution is followed: status polls ({ every, timeout }) or `cloudwatch` (no polls; the durable metrics only).',
  );

export const durableSchema = z
  .strictObject({
    function: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/, {
        error: 'must be a function name, optionally with :qualifier (version or alias)',
      })
      .describe('The durable function to start (name or name:qualifier); required.'),
    payload: jsonBodyField.optional(),
    name: templateField(
      'The execution name (idempotency key, 1-64 of A-Z a-z 0-9 - _), default {{uuid}}.',
    ).default('{{uuid}}'),
    poll: pollSchema,
  })
  .describe('Start a Lambda durable execution and follow it to its end (instead of method/path).');

/** The block as written, defaults applied. */
export type WrittenDurable = z.output<typeof durableSchema>;
