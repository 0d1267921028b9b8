/**
 * startEmbeddedTarget: runs the embedded notes API in a child process, away from the generator's
 * threads (its CPU time is its own, so the generator's CPU share stays honest), and talks to it over
 * IPC. The child is dist/notes-api/embedded-target-child.js: run `npm run build` first when running
 * from TypeScript sources (vitest), which map src/...ts to dist/...js here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ProfileError } from '../errors.js';
import type { PollStats } from './lambda-durable-routes.js';
import { parseModel } from '../model/parse-model-params.js';
import type { PlatformSeries } from '../record/run-record.js';
import type {
  ChildMessage,
  EmbeddedTargetOptions,
  HostMessage,
} from './embedded-target-protocol.js';

export type { EmbeddedTargetOptions };

/** A running embedded target. Methods may be called until stop() resolves. */
export interface EmbeddedTarget {
  /** Base URL, e.g. `http://127.0.0.1:43117`. */
  url: string;
  /** The model's platform series so far (source "model", 1 s period). */
  platformSeries(): Promise<PlatformSeries[]>;
  /** Model parameters with the source of each (run.json `platform.model`). */
  modelParameters(): Promise<Record<string, unknown>>;
  /** The model's state now (per-function counters, LMI instances and CPU). */
  modelState(): Promise<Record<string, unknown>>;
  /** CPU time used by the target's process so far. */
  cpuUsage(): Promise<{ userMs: number; systemMs: number }>;
  /** GetDurableExecution calls the target answered, per wall-clock second (null before start). */
  durablePolls(): Promise<PollStats | null>;
  /** stop closes the server and ends the child; idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

/**
 * childEntryPath finds the compiled child entry beside this module's build: dist/notes-api/ from
 * tsc's output, dist/bundle/notes-api/ from the bundle (whose entries and chunks all sit one folder
 * below dist/bundle/), and tsc's from src/ (vitest).
 */
export function childEntryPath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(new URL('../notes-api/embedded-target-child.js', moduleUrl));
  return moduleUrl.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/]notes-api[\\/])/, '$1dist$2')
    : here;
}

/**
 * startEmbeddedTarget starts the child and resolves once it listens. Rejects with ProfileError for
 * bad model parameters (paths `model.*`; checked here, before any child starts), or Error when the
 * child cannot start.
 */
export async function startEmbeddedTarget(options: EmbeddedTargetOptions): Promise<EmbeddedTarget> {
  const model = parseModel(
    options.modelBlock,
    { platform: options.platform, ...options.overrides },
    options.source ?? 'model',
  );
  const child = fork(childEntryPath(), [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('exit', (code) => {
    for (const p of pending.values())
      p.reject(new Error(`embedded target exited (code ${code}) ${stderr}`.trim()));
    pending.clear();
  });
  child.on('message', (m: ChildMessage) => {
    if (m.type !== 'answer') return;
    pending.get(m.id)?.resolve(m.value);
    pending.delete(m.id);
  });
  const ready = waitReady(child, () => stderr);
  const { seed, port, host, tenants } = options;
  send(child, { type: 'start', start: { model, seed, port, host, tenants } });
  const url = await ready;

  const query = (what: 'series' | 'parameters' | 'cpu' | 'state' | 'durable') =>
    new Promise<unknown>((resolve, reject) => {
      if (child.exitCode !== null || !child.connected)
        return reject(new Error('embedded target has stopped'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send(child, { type: 'query', id, what });
    });
  let stopping: Promise<void> | undefined;
  return {
    url,
    platformSeries: () => query('series') as Promise<PlatformSeries[]>,
    modelParameters: () => query('parameters') as Promise<Record<string, unknown>>,
    modelState: () => query('state') as Promise<Record<string, unknown>>,
    cpuUsage: () => query('cpu') as Promise<{ userMs: number; systemMs: number }>,
    durablePolls: () => query('durable') as Promise<PollStats | null>,
    stop: () => (stopping ??= stopChild(child, exited)),
  };
}

function waitReady(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(
        new Error(`embedded target exited before listening (code ${code}) ${stderr()}`.trim()),
      );
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') {
        child.off('exit', onExit);
        resolve(m.url);
      } else if (m.type === 'failed') {
        child.off('exit', onExit);
        child.kill();
        reject(
          m.issues
            ? new ProfileError(m.source ?? 'model', m.issues)
            : new Error(`embedded target: ${m.message}`),
        );
      }
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null) return;
  if (child.connected) send(child, { type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function send(child: ChildProcess, message: HostMessage): void {
  if (child.connected) child.send(message);
}
