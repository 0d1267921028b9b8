/* eslint-disable no-restricted-globals -- child-process entry: the IPC channel and the process's own
   CPU time are only reachable through `process`; nothing else in src/notes-api touches it. */
/**
 * The embedded target's child process: builds the model, serves the notes API, answers the host's
 * queries (platform series, model parameters, CPU time) and exits on `stop` or when the host goes
 * away. Started only by embedded-target-host.ts (with child_process.fork).
 */
import { ProfileError } from '../errors.js';
import { createPlatformModel, type PlatformModel } from '../model/platform-model.js';
import { createRandom } from '../random/seeded-random.js';
import type { ChildMessage, ChildStart, HostMessage } from './embedded-target-protocol.js';
import { createNotesServer, type NotesServer } from './notes-server.js';
import { createTrafficAnchoredModel } from './traffic-anchored-model.js';

const clock = () => performance.timeOrigin + performance.now();
/** Series history kept by a long-lived target (6 h; bounded memory). */
const RETENTION_SEC = 6 * 3600;

let model: PlatformModel | undefined;
let server: NotesServer | undefined;

function post(message: ChildMessage): void {
  process.send?.(message);
}

async function start(options: ChildStart): Promise<void> {
  try {
    const parsed = options.model;
    const rng = createRandom(options.seed ?? Date.now());
    // Second 0 of the model is the run's first request, as in simulate (see the wrapper's doc).
    model = createTrafficAnchoredModel(
      (startMs) =>
        createPlatformModel(parsed.params, {
          startMs,
          random: () => rng.next(),
          retentionSec: RETENTION_SEC,
          userSources: parsed.userSources,
          ...(options.tenants ? { tenants: { count: options.tenants.count } } : {}),
        }),
      clock(),
    );
    server = createNotesServer(model, clock, { tenants: options.tenants });
    post({
      type: 'ready',
      url: await server.listen(options.port ?? 0, options.host ?? '127.0.0.1'),
    });
  } catch (error) {
    if (error instanceof ProfileError)
      post({ type: 'failed', message: error.message, source: error.source, issues: error.issues });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

function answer(what: 'series' | 'parameters' | 'cpu' | 'state' | 'durable'): unknown {
  const nowMs = clock();
  if (what === 'cpu') {
    const u = process.cpuUsage();
    return { userMs: u.user / 1000, systemMs: u.system / 1000 };
  }
  if (!model) return null;
  if (what === 'durable') return server?.durablePolls() ?? null;
  if (what === 'state') return model.state(nowMs);
  model.advance(nowMs);
  return what === 'series' ? model.series(true) : model.modelParameters();
}

async function stop(): Promise<void> {
  await server?.close();
  process.disconnect?.();
  process.exit(0);
}

process.on('message', (message: HostMessage) => {
  if (message.type === 'start') void start(message.start);
  else if (message.type === 'query')
    post({ type: 'answer', id: message.id, value: answer(message.what) });
  else void stop();
});
process.on('disconnect', () => void stop());

// Ctrl-C in a terminal signals the whole foreground process group, this child included. The host
// decides when the target stops (after the in-flight requests drained and the final series were
// read), so the child ignores both signals and ends on `stop` or when the host goes away.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
