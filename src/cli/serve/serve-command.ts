/**
 * serveCommand: the body of `flashcrowd serve` (declared in define-serve.ts): the embedded notes
 * API in this process, driven by the scaling model in real time, until Ctrl-C.
 */
import type { CliContext } from '../cli-context.js';
import { modelOverrides, readModelFile } from '../model-options.js';
import type { ServeOptions } from './define-serve.js';

export async function serveCommand(options: ServeOptions, ctx: CliContext): Promise<number> {
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
