/**
 * PriceTable: one dated price list for one region, with the source it came from. Every cost figure
 * in a report is computed from exactly one of these, and the report states its date and source.
 * All prices are list prices in US dollars.
 */
import * as z from 'zod';

const usd = z.number().nonnegative();
const perArch = z.object({ x86_64: usd, arm64: usd });

/** One EC2 instance type: its size and its Linux On-Demand hourly price. */
export const instancePriceSchema = z.object({
  vcpus: z.number().positive(),
  memoryGiB: z.number().positive(),
  hourlyUsd: usd,
});
export type InstancePrice = z.infer<typeof instancePriceSchema>;

/** The schema of a price table, as shipped, cached by `prices refresh`, or given with `--prices`. */
export const priceTableSchema = z
  .object({
    /** When the prices were read (YYYY-MM-DD). */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2026-07-20'),
    /** Where they were read from (a URL, "AWS Price List API", a file). */
    source: z.string().min(1),
    region: z.string().min(1),
    lambda: z
      .object({
        /** Requests, dollars per million. */
        requestsUsdPerMillion: usd,
        /** On-demand duration, dollars per GB-second (first tier). */
        gbSecondUsd: perArch,
        /** Provisioned concurrency kept warm, dollars per GB-second. */
        provisionedGbSecondUsd: perArch,
        /** Duration while running on provisioned concurrency, dollars per GB-second. */
        provisionedDurationGbSecondUsd: perArch,
      })
      .strict(),
    lmi: z
      .object({
        /** Management fee as a fraction of the EC2 On-Demand price (0.15); never discounted. */
        managementFeeFraction: z.number().min(0).max(1),
        requestsUsdPerMillion: usd,
      })
      .strict(),
    /** Instance type (e.g. `m7g.xlarge`) -> size and On-Demand price. */
    ec2: z.record(z.string(), instancePriceSchema.strict()),
  })
  .strict();

export type PriceTable = z.infer<typeof priceTableSchema>;
