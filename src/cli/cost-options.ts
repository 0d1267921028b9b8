/**
 * addCostOptions: the cost-analysis options `run` and `simulate` share (declaration only);
 * costOptionsFrom (cost-options-from.ts) turns them into AnalyzeCostOptions. The Savings Plans range checks
 * (Lambda at most 17%) live in src/analysis/savings-plans.ts and exit 2 before any traffic.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { FRONT_DOORS, type FrontDoorKind } from '../analysis/front-door.js';
import { collect, fraction, oneOf, pathArg, positiveFraction } from './option-parsers.js';

/** The cost options after commander has parsed them. */
export interface CostFlags {
  prices?: string;
  fleet: string[];
  savingsPlanEc2?: number;
  savingsPlanLambda?: number;
  cpuFraction?: number;
  frontDoor?: FrontDoorKind;
  freeTier?: boolean;
}

/** `--savings-plan` applied one discount to EC2 and Lambda alike; it is refused, not reinterpreted. */
function removedSavingsPlan(): never {
  throw new UsageError(
    '--savings-plan was split in two: use --savings-plan-ec2 F for instances (fleets, LMI EC2) and ' +
      '--savings-plan-lambda F for Lambda duration (a Compute Savings Plan gives Lambda at most 17%)',
  );
}

export function addCostOptions(command: Command): Command {
  return command
    .option(
      '--prices <file>',
      'price table JSON (default: the table `prices refresh` cached, else the built-in one)',
      pathArg('--prices'),
    )
    .option(
      '--fleet <type=count>',
      'an extra fixed fleet to price, repeatable (e.g. m7g.xlarge=12)',
      collect,
      [],
    )
    .option(
      '--savings-plan-ec2 <fraction>',
      'EC2 Savings Plan discount on instances (fleets, the EC2 part of LMI), e.g. 0.3 or 30%; never on the LMI fee',
      fraction('--savings-plan-ec2'),
    )
    .option(
      '--savings-plan-lambda <fraction>',
      'Compute Savings Plan discount on Lambda duration and provisioned concurrency, at most 17%',
      fraction('--savings-plan-lambda'),
    )
    .option(
      '--savings-plan <fraction>',
      'removed: use --savings-plan-ec2 and --savings-plan-lambda',
      removedSavingsPlan,
    )
    .option(
      '--cpu-fraction <fraction>',
      'CPU seconds per second of Lambda duration, for functions whose CPU time is unknown (default: upper bound, all of the vCPU share)',
      positiveFraction('--cpu-fraction'),
    )
    .option(
      '--front-door <kind>',
      'price the front door too: http-api, rest-api, function-url, alb or none',
      oneOf('--front-door', FRONT_DOORS),
    )
    .option('--free-tier', "apply Lambda's monthly free tier to on-demand Lambda's monthly figure");
}
