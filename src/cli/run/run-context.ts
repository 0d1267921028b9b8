/**
 * RunContext: the state of one `run` once its run folder exists, shared by run-command.ts (the
 * traffic) and finish-run.ts (the record, reports and exit code after it). Plain data and callbacks.
 */
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { RunMetadata } from '../../record/build-run-record.js';
import type { RunRecordWriter } from '../../record/run-record-writer.js';
import type { ShardWindowsWriter } from '../../record/shard-files.js';
import type { RunRecord } from '../../record/run-record.js';
import type { TransportSettings } from '../../generator/transport-settings.js';
import type { CliContext } from '../cli-context.js';
import type { RunLog } from './run-log.js';
import type { RunOptions } from './run-options.js';
import type { RunSetup } from './run-setup.js';
import type { Signing } from './signing-setup.js';
import type { StartupProbe } from './startup-probe.js';

export interface RunContext {
  setup: RunSetup;
  o: RunOptions;
  ctx: CliContext;
  /** Messages to stderr; the session routes them through the live view while it draws. */
  log: RunLog;
  meta: RunMetadata;
  dir: string;
  writer: RunRecordWriter;
  /** `--shard`: where the workers' windows go for `merge` (shard-files.ts). */
  shardWindows?: ShardWindowsWriter;
  targetUrl: string;
  embedded?: EmbeddedTarget;
  /** TLS, HTTP/2 and signing settings of the workers. */
  transportSettings: TransportSettings;
  signing?: Signing;
  /** A record of what is known without worker statistics (failed, aborted, running). */
  partial: (status: RunRecord['status'], reason?: string) => RunRecord;
  /** FLASHCROWD_STARTUP_PROBE's measuring aid, or null (startup-probe.ts). */
  probe: StartupProbe | null;
}
