/**
 * tenantsSchema: the profile's `tenants:` block. Each arrival draws a tenant id (`tenant-<rank>`,
 * rank 1 = the most popular) from `count` tenants, zipf (exponent `s`) or uniform, and sends it as
 * the named header (default `x-tenant-id`) or query parameter. Checked value by value here;
 * header and query together are rejected with the path named.
 */
import * as z from 'zod';

export const tenantsSchema = z
  .strictObject({
    count: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .describe('Number of distinct tenants (tenant-1 .. tenant-<count>); required.'),
    distribution: z
      .enum(['zipf', 'uniform'])
      .default('zipf')
      .describe('How arrivals spread over tenants: zipf (rank r has weight 1/r^s) or uniform.'),
    s: z
      .number()
      .positive()
      .max(10)
      .optional()
      .describe('Zipf exponent (larger = more skewed; default 1.1); zipf only.'),
    header: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name')
      .optional()
      .describe('Header that carries the tenant id (default x-tenant-id).'),
    query: z
      .string()
      .min(1)
      .optional()
      .describe('Query parameter that carries the tenant id, instead of a header.'),
  })
  .superRefine((t, ctx) => {
    if (t.distribution === 'uniform' && t.s !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['s'],
        message:
          'is the zipf exponent; a uniform distribution has none (drop s, or use distribution: zipf)',
      });
    if (t.header !== undefined && t.query !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['query'],
        message: 'give either header or query, not both',
      });
  })
  .describe(
    'Tenant-isolated traffic: each arrival carries a tenant id; the model keeps one set of execution environments per tenant.',
  );

/** The Zipf exponent when the profile gives none. */
export const DEFAULT_ZIPF_EXPONENT = 1.1;

/** The `tenants:` block as written, defaults applied (`s` stays as written). */
export type WrittenTenants = z.output<typeof tenantsSchema>;
