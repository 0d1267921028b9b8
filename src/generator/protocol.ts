/**
 * The messages between the coordinator and its worker threads: one discriminated union each way.
 * Only plain data crosses threads (structured clone); errors cross as `{ message }`.
 */
import type { Phase, Profile } from '../profile/types.js';
import type { ShardSpec } from '../schedule/shard-split.js';
import type { RecorderData, WindowData } from '../record/measurements.js';
import type { Totals } from '../record/run-record.js';
import type { AwsCredentials } from './aws-credentials.js';
import type { TransportSettings } from './transport-settings.js';

/** The configuration each worker gets as `workerData`. */
export interface WorkerConfig {
  /** This worker's index among this process's workers, 0 <= workerIndex < workerCount. */
  workerIndex: number;
  workerCount: number;
  /** `run --shard`: the share of the arrivals this process takes (absent: the whole run). */
  shard?: ShardSpec;
  /** Base URL of the target, e.g. `http://127.0.0.1:8080`. */
  targetUrl: string;
  profile: Profile;
  /** The (scaled) phases this run follows; may differ from profile.load.phases. */
  phases: Phase[];
  /** This worker's share of `maxInFlight`. */
  maxInFlight: number;
  /**
   * This worker's share of `--connections`: exactly this many connections to each origin, opened
   * before the start and never exceeded. Absent: a few opened before, more as needed (maxInFlight).
   */
  connections?: number;
  timeoutMs: number;
  /** Open model: arrivals later than this (ms) are dropped and counted as dropped.late. */
  maxLatenessMs: number;
  /** At the schedule's end, wait this long (ms) for requests in flight; the rest are aborted. */
  drainGraceMs: number;
  seed: number;
  /** Values of the environment variables that templates read (`{{env.NAME}}`). */
  env: Record<string, string>;
  /** TLS, HTTP/2 and signing settings (absent: plain HTTP/1.1, no signing). */
  transportSettings?: TransportSettings;
  /** With `transportSettings.sigv4`: the credentials to sign with until a `credentials` message. */
  credentials?: AwsCredentials;
}

/** Coordinator -> worker. */
export type ToWorker =
  /** Begin sending: arrival k is due at startEpochMs + its planned offset. */
  | { type: 'start'; startEpochMs: number }
  /** Stop sending; wait for in-flight requests up to graceMs (wall time), then report. */
  | { type: 'stop'; graceMs: number }
  /** End the drain now: book what is in flight as aborted and report at once. */
  | { type: 'abort' }
  /** Refreshed signing credentials: sign every later request with these. */
  | { type: 'credentials'; credentials: AwsCredentials };

/** Counters since the start, for the live view. */
export interface LiveCounters {
  totals: Totals;
  inFlight: number;
}

/** Worker -> coordinator. */
export type FromWorker =
  | { type: 'ready' }
  /** Closed per-second windows (in order, no gaps) and live counters, about once a second. */
  | { type: 'tick'; windows: WindowData[]; live: LiveCounters }
  /** A warning to show once (e.g. the in-flight cap was reached). */
  | { type: 'warning'; message: string }
  /** The worker is finished: its last windows and its per-request/per-phase statistics. */
  | { type: 'done'; windows: WindowData[]; data: RecorderData; live: LiveCounters }
  /**
   * The worker cannot go on (a bug or an unusable configuration). `stack` is printed only with
   * FLASHCROWD_DEBUG=1, never recorded.
   */
  | { type: 'fatal'; message: string; stack?: string };
