/**
 * The written form of `flows:`: weighted flows, each an ordered list of steps that one flow
 * instance (one arrival in the open model, one loop of a user in the closed model) runs in turn.
 * Normalized by normalize-flows.ts; the rule that a step reads only variables captured by an
 * earlier step of its flow is in flow-rules.ts.
 */
import * as z from 'zod';
import { stepSchema } from './request-schema.js';

/** One written flow. */
export const flowSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, _ or -' })
      .describe('Unique name; its steps are labelled <flow>.<step> in every table.'),
    weight: z
      .number()
      .positive()
      .default(1)
      .describe('Relative weight among the flows (and the requests: beside them).'),
    steps: z.array(stepSchema).min(1).describe('The steps, run in order by each flow instance.'),
  })
  .describe('A per-user scenario: steps with captures private to the instance and a cookie jar.');

/** A flow as the schema returns it. */
export type WrittenFlow = z.output<typeof flowSchema>;
