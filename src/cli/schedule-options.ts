/**
 * addScheduleOptions: the flags that stretch, scale and cut a profile's schedule, shared by
 * `run`, `simulate` and `plan` so the three read a profile the same way.
 */
import type { Command } from 'commander';
import { positiveDurationMs, positiveNumber } from './option-parsers.js';

export function addScheduleOptions(command: Command): Command {
  return command
    .option(
      '--time-scale <f>',
      'multiply every duration of the profile (rates kept)',
      positiveNumber('--time-scale'),
      1,
    )
    .option(
      '--rate-scale <f>',
      'multiply every rate of the profile',
      positiveNumber('--rate-scale'),
      1,
    )
    .option(
      '--duration <d>',
      'cut the schedule after this long (e.g. 90s)',
      positiveDurationMs('--duration'),
    );
}
