/**
 * defineSimulate: `flashcrowd simulate <profile>`: the profile's schedule through the scaling model
 * in virtual time (no sockets), writing the same run record as `run`, with cost and gates.
 */
import {
  collect,
  positiveDurationMs,
  nonNegativeInt,
  oneOf,
  positiveInt,
  pathArg,
} from '../option-parsers.js';
import type { CommonRunOptions } from '../run/run-options.js';
import type { CommandDefinition } from '../command-definitions.js';
import { addScheduleOptions } from '../schedule-options.js';
import { addArchitectureOption } from '../model-options.js';
import { addCostOptions } from '../cost-options.js';
import type { ModelFlags } from '../model-options.js';

/** The options of `simulate` after commander has parsed them. */
export interface SimulateOptions extends CommonRunOptions, Omit<ModelFlags, 'seed' | 'platform'> {
  timeout: number;
  maxInFlight?: number;
}

export const defineSimulate: CommandDefinition = (program, ctx, setExitCode) => {
  addCostOptions(addArchitectureOption(addScheduleOptions(program.command('simulate'))))
    .description(
      'replay a profile through the Lambda/LMI scaling model in virtual time and write the run record',
    )
    .argument('<profile>', 'profile file (YAML or JSON)')
    .option(
      '--platform <p>',
      'scaling model: on-demand or lmi',
      oneOf('--platform', ['on-demand', 'lmi'] as const),
    )
    .option('--out <dir>', 'run folder (default: reports/<run-id>)', pathArg('--out'))
    .option('--overwrite', 'replace the run already in --out (default: refuse)')
    .option('--force', 'accept a plan beyond the sanity bound (see plan)')
    .option(
      '--seed <n>',
      'seed for arrivals, templates and the model (default: the profile seed, else 1)',
      nonNegativeInt('--seed'),
    )
    .option('--gate <expr>', 'gate expression, repeatable', collect, [])
    .option('--allow-unknown', 'a gate on a metric that was not produced does not fail the run')
    .option('--timeout <d>', 'per-request timeout', positiveDurationMs('--timeout'), 10_000)
    .option('--max-in-flight <n>', 'override load.maxInFlight', positiveInt('--max-in-flight'))
    .option(
      '--model <file>',
      'model parameters file (a `model:` block, or a profile with one)',
      pathArg('--model'),
    )
    .option('--instance-type <type>', 'LMI instance type (e.g. m7g.xlarge)')
    .option('--target-cpu <fraction>', 'LMI CPU utilization target (0.4 or 40%)')
    .option('--account-concurrency <n>', 'on-demand account concurrency limit')
    .option('--min-instances <n>', 'LMI minimum instances')
    .option('--max-instances <n>', 'LMI maximum instances')
    .option('--no-reports', 'do not write report.html, report.md and junit.xml')
    .option('--json', 'print the run record as JSON on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'the long terminal summary: every table and chart (default: one screen)')
    .action(async (profile: string, options: SimulateOptions) => {
      const { simulateCommand } = await import('./simulate-command.js');
      setExitCode(await simulateCommand(profile, options, ctx));
    });
};
