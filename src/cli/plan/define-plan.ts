/** definePlan: `flashcrowd plan <profile>`: validate and print the schedule without sending traffic. */
import type { CommandDefinition } from '../command-definitions.js';
import { LIMITS } from '../../profile/limits.js';
import { addScheduleOptions } from '../schedule-options.js';
import { positiveInt, shardArg } from '../option-parsers.js';

export interface PlanCommandOptions {
  workers?: number;
  timeScale: number;
  rateScale: number;
  duration?: number;
  json?: boolean;
  /** `--no-color` (added to every command by main). */
  color?: boolean;
  force?: boolean;
  /** `--shard I/N` (0-based index): plan one shard's share, as `run --shard` sends it. */
  shard?: { index: number; count: number };
}

export const definePlan: CommandDefinition = (program, ctx, setExitCode) => {
  addScheduleOptions(program.command('plan'))
    .description(
      'validate a profile and print its schedule (peak rate, duration, per-worker share, test cost)',
    )
    .argument('<profile>', 'profile file (YAML or JSON)')
    .option(
      '--workers <n>',
      'worker threads to split the schedule across',
      positiveInt('--workers', LIMITS.workers),
    )
    .option(
      '--shard <i/n>',
      'plan shard I of N of a split test (run --shard): its share, split across --workers',
      shardArg,
    )
    .option('--json', 'print the plan as JSON')
    .option('--force', 'accept a plan beyond what the workers of one host can send')
    .action(async (profile: string, options: PlanCommandOptions) => {
      const { planCommand } = await import('./plan-command.js');
      setExitCode(planCommand(profile, options, ctx));
    });
};
