/**
 * Collector: the one interface behind which platform metrics are gathered for a run, whatever the
 * source (AWS CloudWatch/Lambda/EC2 or the embedded target's scaling model). Reports and gates
 * read the resulting `platform.series` and never care where a series came from.
 */
import type { FunctionConfig, PlatformSeries } from '../record/run-record.js';
import type { ReconciliationRow } from './reconcile.js';

/** Where platform series come from; `none` collects nothing. */
export type CollectorSource = 'aws' | 'model' | 'none';

/** What `--collect` asks for; `auto` picks `model` for the embedded target, `aws` when AWS is named. */
export type CollectMode = 'none' | 'model' | 'aws' | 'auto';

/** The outcome of a collector: series (possibly none) and human-readable warnings. */
export interface CollectorResult {
  series: PlatformSeries[];
  /** One line each, already worded for the user (never containing credentials). */
  warnings: string[];
  /** Classified AWS failures behind the warnings (kind: access-denied, no-credentials, ...). */
  failures?: Array<{ kind: string; message: string }>;
  /** Lambda functions as discovered (memory, architecture): what cost prices them with. */
  functions?: FunctionConfig[];
  /** Filled by callers that hold the whole run record (see reconcile()). */
  reconciliation?: ReconciliationRow[];
}

/**
 * A platform-metric source for one run. The caller (the run command) calls `start` once before
 * the first request, `sample` periodically (any cadence; the collector paces its own API calls
 * and never runs two polls at once), and `stop` once after the last request. No method throws for
 * missing data, permissions or throttling: those become warnings in the result.
 */
export interface Collector {
  readonly source: CollectorSource;
  /** Discovers resources; `startedAtMs` is the run's start instant (epoch ms). */
  start(run: { startedAtMs: number }): Promise<void>;
  /** Gives the collector a chance to poll; `nowMs` is the current epoch ms. */
  sample(nowMs: number): Promise<void>;
  /** Final sweep over [startedAtMs, endedAtMs]; returns everything collected so far. */
  stop(run: { endedAtMs: number }): Promise<CollectorResult>;
}

/** A collector that collects nothing (`--collect none`, or nothing to collect). */
export function createNoneCollector(warnings: string[] = []): Collector {
  return {
    source: 'none',
    start: () => Promise.resolve(),
    sample: () => Promise.resolve(),
    stop: () => Promise.resolve({ series: [], warnings: [...warnings] }),
  };
}
