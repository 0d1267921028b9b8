/**
 * Coordinator: the only file that creates worker threads. It starts N workers on one shared start
 * instant, each with an explicit 1/N share of the arrivals, merges their per-second windows into
 * the timeline (TimelineMerger), forwards live counters and warnings, and on stop asks every
 * worker to drain. A worker that crashes stops the run (RunError); a failed request never does.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { RunError } from '../errors.js';
import type { Phase, Profile } from '../profile/types.js';
import type { RecorderData, WindowData } from '../record/measurements.js';
import type { ShardSpec } from '../schedule/shard-split.js';
import type { LatencySummary, TimelineEntry, Totals } from '../record/run-record.js';
import { summarizeHistogram } from '../record/latency-histogram.js';
import { addTotals, emptyTotals } from '../record/totals.js';
import { TimelineMerger } from '../recorder/timeline-merger.js';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.js';
import { workerShare } from '../schedule/arrival-cursor.js';
import type { CredentialSource } from './credential-feed.js';
import type { TransportSettings } from './transport-settings.js';

export interface CoordinatorOptions {
  profile: Profile;
  phases: Phase[];
  targetUrl: string;
  workers: number;
  maxInFlight: number;
  /** `--connections`: a fixed pool per origin, all workers together (absent: grown as needed). */
  connections?: number;
  timeoutMs: number;
  /** Open model: arrivals later than this (ms) are dropped (default: the profile's). */
  maxLatenessMs?: number;
  /**
   * At the schedule's end, how long (ms) workers wait for requests in flight before booking the
   * rest as aborted (default: timeoutMs + 1 s, so every request gets its full timeout).
   */
  graceMs?: number;
  seed: number;
  env: Record<string, string>;
  /** Delay between "all workers ready" and the shared start instant. */
  startDelayMs?: number;
  /**
   * `run --start-at`: the shared start instant (epoch ms) instead of ready + startDelayMs; run()
   * throws RunError, before anything is sent, when the workers are ready only after it.
   */
  startAtEpochMs?: number;
  /** `run --shard`: this process's share of the arrivals (absent: the whole run). */
  shard?: ShardSpec;
  /** TLS, HTTP/2 and signing settings for every worker. */
  transportSettings?: TransportSettings;
  /** With `transportSettings.sigv4`: credentials, passed to each worker and refreshed while running. */
  credentials?: CredentialSource;
}

/** Live state across workers, for the progress view (about once a second). */
export interface LiveSnapshot {
  elapsedMs: number;
  totals: Totals;
  inFlight: number;
}

export interface CoordinatorEvents {
  onEntry(entry: TimelineEntry): void;
  onLive(snapshot: LiveSnapshot): void;
  onWarning(message: string): void;
  /**
   * Optional: every worker is ready and the shared start instant (epoch ms) has been sent; the
   * first planned arrival is due at that instant. Called once, before any traffic.
   */
  onStart?(startEpochMs: number): void;
  /**
   * Optional: worker `workerIndex` closed these seconds' windows (in order, histograms encoded),
   * just before they are merged into the timeline; `run --shard` keeps them for `merge`.
   */
  onWindows?(workerIndex: number, windows: WindowData[]): void;
}

export interface GeneratorResult {
  startEpochMs: number;
  endEpochMs: number;
  timeline: TimelineEntry[];
  workers: RecorderData[];
}

/**
 * workerEntryPath finds the compiled worker entry beside this module's build: dist/generator/worker.js
 * from tsc's dist/generator/, dist/bundle/generator/worker.js from the bundle (whose entries and
 * chunks all sit one folder below dist/bundle/), and tsc's from src/ (vitest).
 */
export function workerEntryPath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(new URL('../generator/worker.js', moduleUrl));
  return moduleUrl.endsWith('.ts')
    ? here.replace(/([\\/])src([\\/]generator[\\/])/, '$1dist$2')
    : here;
}

export class Coordinator {
  private readonly threads: Worker[] = [];
  private readonly live = new Map<number, { totals: Totals; inFlight: number }>();
  private readonly results: RecorderData[] = [];
  readonly timeline: TimelineEntry[] = [];
  private merger!: TimelineMerger;
  startEpochMs = 0;
  private stopping = false;

  constructor(
    private readonly o: CoordinatorOptions,
    private readonly events: CoordinatorEvents,
  ) {}

  /** run starts the workers and resolves when all have reported `done`. */
  async run(): Promise<GeneratorResult> {
    const n = this.o.workers;
    this.merger = new TimelineMerger(n, (entry) => {
      this.timeline.push(entry);
      this.events.onEntry(entry);
    });
    const unsubscribe = this.o.credentials?.subscribe((credentials) =>
      this.broadcast({ type: 'credentials', credentials }),
    );
    const done = Array.from({ length: n }, (_, i) => this.spawn(i));
    let liveTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.all(done.map((d) => d.ready));
      this.startEpochMs = this.startInstant();
      this.broadcast({ type: 'start', startEpochMs: this.startEpochMs });
      this.events.onStart?.(this.startEpochMs);
      liveTimer = setInterval(() => this.emitLive(), 1000);
      await Promise.all(done.map((d) => d.finished));
    } finally {
      unsubscribe?.();
      clearInterval(liveTimer);
      await Promise.allSettled(this.threads.map((t) => t.terminate()));
    }
    this.merger.flush();
    return {
      startEpochMs: this.startEpochMs,
      // Stopped while waiting for a --start-at instant: the run ends where it would have begun.
      endEpochMs: Math.max(Date.now(), this.startEpochMs),
      timeline: this.timeline,
      workers: this.results,
    };
  }

  /** startInstant: the shared start (epoch ms), once every worker is ready; see startAtEpochMs. */
  private startInstant(): number {
    const now = Date.now();
    const at = this.o.startAtEpochMs;
    if (at === undefined) return Math.ceil(now + (this.o.startDelayMs ?? 100));
    if (at > now) return at;
    throw new RunError(
      `--start-at ${new Date(at).toISOString()} passed ${((now - at) / 1000).toFixed(1)} s before the workers were ready; nothing was sent (give a later --start-at)`,
    );
  }

  /**
   * stop: workers send nothing more and drain for at most graceMs of wall time from now (a drain
   * at the schedule's end is cut to that too). Safe to call twice.
   */
  stop(graceMs: number): void {
    if (this.stopping) return;
    this.stopping = true;
    this.broadcast({ type: 'stop', graceMs });
  }

  /**
   * abort ends every worker's drain now: what is in flight is booked as aborted, each worker
   * sends its last windows, and run() resolves with the timeline complete up to now.
   */
  abort(): void {
    this.broadcast({ type: 'abort' });
  }

  /** overallLatency: percentiles of every completed second so far (null before the first). */
  overallLatency(): LatencySummary | null {
    return this.merger ? summarizeHistogram(this.merger.overallLatency) : null;
  }

  /** liveTotals: the sum of the workers' latest counters (for a record written in a hurry). */
  liveTotals(): Totals {
    const sum = emptyTotals();
    for (const l of this.live.values()) addTotals(sum, l.totals);
    return sum;
  }

  private emitLive(): void {
    let inFlight = 0;
    for (const l of this.live.values()) inFlight += l.inFlight;
    this.events.onLive({
      elapsedMs: Date.now() - this.startEpochMs,
      totals: this.liveTotals(),
      inFlight,
    });
  }

  private broadcast(message: ToWorker): void {
    for (const t of this.threads) t.postMessage(message);
  }

  private spawn(index: number): { ready: Promise<void>; finished: Promise<void> } {
    const config: WorkerConfig = {
      workerIndex: index,
      workerCount: this.o.workers,
      ...(this.o.shard ? { shard: this.o.shard } : {}),
      targetUrl: this.o.targetUrl,
      profile: this.o.profile,
      phases: this.o.phases,
      maxInFlight: Math.max(1, workerShare(this.o.maxInFlight, index, this.o.workers)),
      ...(this.o.connections !== undefined
        ? { connections: Math.max(1, workerShare(this.o.connections, index, this.o.workers)) }
        : {}),
      timeoutMs: this.o.timeoutMs,
      maxLatenessMs: this.o.maxLatenessMs ?? this.o.profile.load.maxLatenessMs,
      drainGraceMs: this.o.graceMs ?? this.o.timeoutMs + 1000,
      seed: this.o.seed,
      env: this.o.env,
      ...(this.o.transportSettings ? { transportSettings: this.o.transportSettings } : {}),
      ...(this.o.credentials ? { credentials: this.o.credentials.current() } : {}),
    };
    const worker = new Worker(workerEntryPath(), { workerData: config });
    this.threads.push(worker);
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const finished = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            markReady();
            break;
          case 'tick':
            this.live.set(index, m.live);
            this.events.onWindows?.(index, m.windows);
            this.merger.add(m.windows);
            break;
          case 'warning':
            this.events.onWarning(m.message);
            break;
          case 'done':
            this.live.set(index, m.live);
            this.events.onWindows?.(index, m.windows);
            this.merger.add(m.windows);
            this.results[index] = m.data;
            resolve();
            break;
          case 'fatal':
            reject(new RunError(`worker ${index} crashed: ${m.message}`, m.stack));
            break;
        }
      });
      worker.on('error', (e) =>
        reject(new RunError(`worker ${index} crashed: ${e.message}`, e.stack)),
      );
      worker.on('exit', (code) => {
        if (!this.results[index])
          reject(new RunError(`worker ${index} exited early (code ${code})`));
      });
    });
    // A crash before `ready` must not leave run() waiting forever.
    finished.catch(() => markReady());
    return { ready, finished };
  }
}
