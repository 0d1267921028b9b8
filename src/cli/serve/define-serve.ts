/**
 * defineServe: `flashcrowd serve`: the embedded notes API on its own, driven by the scaling model
 * in real time, until Ctrl-C (declaration; the body is serve-command.ts).
 */
import { addModelOptions, type ModelFlags } from '../model-options.js';
import { port } from '../option-parsers.js';
import type { CommandDefinition } from '../command-definitions.js';

export interface ServeOptions extends ModelFlags {
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
    const { serveCommand } = await import('./serve-command.js');
    setExitCode(await serveCommand(options, ctx));
  });
};
