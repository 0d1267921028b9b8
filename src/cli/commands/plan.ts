/** definePlan: `flashcrowd plan <profile>`: validate and print the schedule without sending traffic. */
import type { CommandDefinition } from './index.js';
import { durationMs, positiveInt, positiveNumber } from '../run/option-parsers.js';

export interface PlanCommandOptions {
  workers?: number;
  timeScale: number;
  rateScale: number;
  duration?: number;
  json?: boolean;
}

export const definePlan: CommandDefinition = (program, ctx, setExitCode) => {
  program
    .command('plan')
    .description(
      'validate a profile and print its schedule (peak rate, duration, per-worker share, test cost)',
    )
    .argument('<profile>', 'profile file (YAML or JSON)')
    .option(
      '--workers <n>',
      'worker threads to split the schedule across',
      positiveInt('--workers'),
    )
    .option(
      '--time-scale <f>',
      'multiply every duration of the profile',
      positiveNumber('--time-scale'),
      1,
    )
    .option(
      '--rate-scale <f>',
      'multiply every rate of the profile',
      positiveNumber('--rate-scale'),
      1,
    )
    .option('--duration <d>', 'cut the schedule after this long', durationMs('--duration'))
    .option('--json', 'print the plan as JSON')
    .action(async (profile: string, options: PlanCommandOptions) => {
      const { planCommand } = await import('../plan-command.js');
      setExitCode(planCommand(profile, options, ctx));
    });
};
