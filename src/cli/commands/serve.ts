/**
 * defineServe: `flashcrowd serve`: the embedded notes API on its own, driven by the scaling model
 * in real time, until Ctrl-C. Also exports the model options and `--model FILE` reading that
 * `simulate` shares.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ProfileError } from '../../errors.js';
import type { ModelOverrides } from '../../model/parse-model-params.js';
import { readDocument } from '../../profile/read-document.js';
import type { CliContext } from '../cli-context.js';
import { nonNegativeInt, oneOf, port } from '../run/option-parsers.js';
import type { CommandDefinition } from './index.js';

/** Model flags common to serve and simulate. */
export interface ModelFlags {
  platform?: 'on-demand' | 'lmi';
  model?: string;
  instanceType?: string;
  targetCpu?: string;
  accountConcurrency?: string;
  minInstances?: string;
  maxInstances?: string;
  seed?: number;
}

/** addModelOptions declares the model flags on a command (values are validated by the model). */
export function addModelOptions(command: Command): Command {
  return command
    .option(
      '--platform <p>',
      'scaling model: on-demand or lmi',
      oneOf('--platform', ['on-demand', 'lmi'] as const),
    )
    .option(
      '--model <file>',
      'model parameters (YAML/JSON: a `model:` block, or a profile with one)',
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

interface ServeOptions extends ModelFlags {
  port: number;
  host: string;
}

export const defineServe: CommandDefinition = (program, ctx, setExitCode) => {
  addModelOptions(
    program
      .command('serve')
      .description('serve the embedded notes API (with its Lambda/LMI scaling model) until Ctrl-C')
      .option('--port <n>', 'port to listen on (0 = any free port)', port('--port'), 0)
      .option('--host <addr>', 'interface to listen on', '127.0.0.1'),
  ).action(async (options: ServeOptions) => {
    setExitCode(await serveCommand(options, ctx));
  });
};

async function serveCommand(options: ServeOptions, ctx: CliContext): Promise<number> {
  const { parseModel } = await import('../../model/parse-model-params.js');
  const { createPlatformModel } = await import('../../model/platform-model.js');
  const { createNotesServer } = await import('../../notes-api/notes-server.js');
  const { createRandom } = await import('../../random/seeded-random.js');
  const block = options.model ? readModelFile(options.model, ctx.cwd) : undefined;
  const parsed = parseModel(block, modelOverrides(options), options.model ?? 'model');
  const clock = () => performance.timeOrigin + performance.now();
  const rng = createRandom(options.seed ?? Date.now());
  const model = createPlatformModel(parsed.params, {
    startMs: clock(),
    random: () => rng.next(),
    retentionSec: 6 * 3600,
    userSources: parsed.userSources,
  });
  const server = createNotesServer(model, clock);
  const url = await server.listen(options.port, options.host);
  ctx.stdout.write(`notes API (${parsed.params.platform} model) listening on ${url}\n`);
  ctx.stdout.write(`model state: ${url}/_model/state  (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const remove = ctx.onSignal(() => {
      remove();
      resolve();
    });
  });
  await server.close();
  ctx.stdout.write('stopped\n');
  return 0;
}
