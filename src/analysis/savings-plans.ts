/**
 * savingsPlans: the two Savings Plans discounts a cost analysis applies, checked against what AWS
 * offers. EC2 instance charges (a fixed fleet, the EC2 part of LMI) take the EC2 discount; Lambda
 * duration and provisioned concurrency take the Lambda discount, which a Compute Savings Plan caps
 * at 17% (https://aws.amazon.com/savingsplans/compute-pricing/, "save up to 17% on AWS Lambda";
 * https://aws.amazon.com/lambda/pricing/). Requests and the LMI management fee are never
 * discounted (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html).
 */
import { UsageError } from '../errors.js';
import type { Cost } from '../record/run-record.js';

/** The largest Lambda discount a Compute Savings Plan gives. */
export const LAMBDA_SAVINGS_PLAN_MAX = 0.17;
export const LAMBDA_SAVINGS_PLAN_SOURCE = 'https://aws.amazon.com/savingsplans/compute-pricing/';
/** The largest EC2 discount of an EC2 Instance Savings Plan ("up to 72%"). */
export const EC2_SAVINGS_PLAN_MAX = 0.72;
export const EC2_SAVINGS_PLAN_SOURCE = 'https://aws.amazon.com/savingsplans/';

export interface SavingsPlans {
  ec2: number;
  lambda: number;
}

/**
 * savingsPlans validates the discounts (fractions 0..1) and throws UsageError (exit 2) for a
 * Lambda discount above 17% or an EC2 discount above 72%, naming the flag and the source.
 */
export function savingsPlans(ec2 = 0, lambda = 0): SavingsPlans {
  check(
    ec2,
    EC2_SAVINGS_PLAN_MAX,
    '--savings-plan-ec2',
    'an EC2 Instance Savings Plan',
    EC2_SAVINGS_PLAN_SOURCE,
  );
  check(
    lambda,
    LAMBDA_SAVINGS_PLAN_MAX,
    '--savings-plan-lambda',
    'a Compute Savings Plan on Lambda',
    LAMBDA_SAVINGS_PLAN_SOURCE,
  );
  return { ec2, lambda };
}

function check(value: number, max: number, flag: string, what: string, source: string): void {
  if (!(value >= 0 && value <= 1))
    throw new UsageError(`${flag} must be a fraction from 0 to 1 (or a percentage), got ${value}`);
  if (value > max + 1e-12)
    throw new UsageError(
      `${flag} ${Math.round(value * 1000) / 10}% is more than ${what} gives (at most ${Math.round(max * 100)}%: ${source})`,
    );
}

/**
 * appliedSavingsPlans: the discounts (fractions 0..1) a recorded cost analysis applied, from its
 * options, else its work; null for a record that kept neither.
 */
export function appliedSavingsPlans(cost: Cost): SavingsPlans | null {
  const from = cost.options ?? cost.work;
  const ec2 = from?.savingsPlanEc2;
  const lambda = from?.savingsPlanLambda;
  return ec2 === undefined || lambda === undefined ? null : { ec2, lambda };
}
