/**
 * RunOptions: the options of `flashcrowd run` after commander has parsed them, and the subset
 * that `simulate` shares (output, gates, scaling, cost).
 */
import type { CollectMode } from '../../collector/collector.js';
import type { ModelFlags } from '../model-options.js';
import type { TransportFlags } from './transport-setup.js';
import type { CostFlags } from '../cost-options.js';
import type { ShardSpec } from '../../schedule/shard-split.js';

export interface CommonRunOptions extends CostFlags {
  out?: string;
  /** `--overwrite`: replace the run already in `--out`. */
  overwrite?: boolean;
  /** `--force`: skip the sanity bound on the plan (plan-ceiling.ts). */
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  seed?: number;
  gate: string[];
  allowUnknown?: boolean;
  timeScale: number;
  rateScale: number;
  duration?: number;
  platform?: 'on-demand' | 'lmi';
  reports: boolean;
  /** `--no-color` (colorDecision). */
  color?: boolean;
  /** `--verbose`: the long terminal summary (every table and chart). */
  verbose?: boolean;
}

export interface RunOptions
  extends CommonRunOptions, Omit<ModelFlags, 'platform' | 'seed'>, TransportFlags {
  target?: string;
  workers?: number;
  timeout: number;
  maxInFlight?: number;
  /** `--connections`: a fixed pool per origin (all workers together), opened before the start. */
  connections?: number;
  /** Overrides load.maxLateness (ms). */
  maxLateness?: number;
  grace: number;
  collect: CollectMode;
  settle?: number;
  function: Record<string, string>;
  yes?: boolean;
  /** `--shard I/N` (0-based index here): this machine's share of a split test. */
  shard?: ShardSpec;
  /** `--start-at`: the shared start instant, epoch ms. */
  startAt?: number;
}
