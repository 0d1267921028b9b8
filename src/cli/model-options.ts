/**
 * The model flags shared by `serve`, `run` (the embedded target) and `simulate`: their declaration,
 * the overrides they make to a `model:` block, and reading `--model FILE`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ProfileError } from '../errors.js';
import type { ModelOverrides } from '../model/parse-model-params.js';
import { readDocument } from '../profile/read-document.js';
import { nonNegativeInt, oneOf, pathArg } from './option-parsers.js';

/** Model flags common to serve and simulate. */
export interface ModelFlags {
  platform?: 'on-demand' | 'lmi';
  architecture?: 'x86_64' | 'arm64';
  model?: string;
  instanceType?: string;
  targetCpu?: string;
  accountConcurrency?: string;
  minInstances?: string;
  maxInstances?: string;
  seed?: number;
}

/**
 * addArchitectureOption declares `--architecture` (shared by serve, run and simulate, which
 * declare their other model flags themselves).
 */
export function addArchitectureOption(command: Command): Command {
  return command.option(
    '--architecture <arch>',
    'x86_64 (AWS default) or arm64, for the functions and the LMI instances; cost is priced by it',
    oneOf('--architecture', ['x86_64', 'arm64'] as const),
  );
}

/** addModelOptions declares the model flags on a command (values are validated by the model). */
export function addModelOptions(command: Command): Command {
  return addArchitectureOption(command)
    .option(
      '--platform <p>',
      'scaling model: on-demand or lmi',
      oneOf('--platform', ['on-demand', 'lmi'] as const),
    )
    .option(
      '--model <file>',
      'model parameters (YAML/JSON: a `model:` block, or a profile with one)',
      pathArg('--model'),
    )
    .option('--instance-type <type>', 'LMI instance type (e.g. m7g.xlarge)')
    .option('--target-cpu <fraction>', 'LMI CPU utilization target (0.4 or 40%)')
    .option('--account-concurrency <n>', 'on-demand account concurrency limit')
    .option('--min-instances <n>', 'LMI minimum instances')
    .option('--max-instances <n>', 'LMI maximum instances')
    .option('--seed <n>', 'seed of the model random draws', nonNegativeInt('--seed'));
}

/** modelOverrides picks the flags that override the model block. */
export function modelOverrides(flags: ModelFlags): ModelOverrides {
  return {
    platform: flags.platform,
    architecture: flags.architecture,
    instanceType: flags.instanceType,
    targetCpu: flags.targetCpu,
    accountConcurrency: flags.accountConcurrency,
    minInstances: flags.minInstances,
    maxInstances: flags.maxInstances,
  };
}

/** readModelFile reads `--model FILE`: its `model:` block when it has one, else the whole document. */
export function readModelFile(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ProfileError(file, [
      { path: '', message: `cannot read: ${(error as Error).message}` },
    ]);
  }
  const doc = readDocument(text, file);
  if (!doc.ok) throw new ProfileError(file, doc.issues);
  const data = doc.data as Record<string, unknown> | null;
  return data && typeof data === 'object' && 'model' in data ? data.model : data;
}
