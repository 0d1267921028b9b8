/**
 * runCommand: `flashcrowd run <profile>`. Resolves the setup (run-setup.ts), starts the embedded
 * notes API when no target is given, checks the target accepts connections, runs the traffic
 * (RunSession), collects platform series, and writes the run record and its reports; gates pick
 * the exit code. Every way of failing after the run folder exists leaves a run.json behind.
 */
import { basename } from 'node:path';
import type { Collector } from '../../collector/collector.js';
import { selectCollector } from '../../collector/select-collector.js';
import { embeddedCredentials } from '../lambda-setup.js';
import { recordShape } from '../record-labels.js';
import { buildRunRecord } from '../../record/build-run-record.js';
import { newRunId, RunRecordWriter } from '../../record/run-record-writer.js';
import { ShardWindowsWriter } from '../../record/shard-files.js';
import type { RunRecord } from '../../record/run-record.js';
import { redactUrl } from '../../profile/redact-url.js';
import type { EmbeddedTarget } from '../../notes-api/embedded-target-host.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { checkPricesBeforeTraffic } from '../check-prices-before-traffic.js';
import { openRunFolder } from '../run-folder.js';
import { checkTarget, isLoopback } from './check-target.js';
import { confirmLoad } from './confirm-load.js';
import type { RunOptions } from './run-options.js';
import { RunLog } from './run-log.js';
import { EarlySignals } from './early-signals.js';
import { failedRecord, writeFailedRecord } from './failed-record.js';
import { interruptedBeforeStart, trafficAndRecord } from './traffic-and-record.js';
import type { RunContext } from './run-context.js';
import { resolveTransport } from './transport-setup.js';
import { transportClient } from '../../generator/transport-settings.js';
import { startupProbe } from './startup-probe.js';
import {
  awsSpec,
  resolveRunSetup,
  runMetadata,
  startEmbedded,
  type RunSetup,
} from './run-setup.js';

/**
 * The embedded target verifies no signature: a profile with `auth:` run on it without AWS
 * credentials is signed with the fixed ones of lambda-setup.ts (Invokes there always are).
 */
const EMBEDDED_SIGNING = {
  provider: embeddedCredentials,
  warning:
    'auth: aws-sigv4: no AWS credentials found; the embedded target verifies no signature, so requests are signed with fixed dummy credentials (a real target needs real ones)',
};

export async function runCommand(
  profilePath: string,
  o: RunOptions,
  ctx: CliContext,
): Promise<number> {
  const runLog = new RunLog(ctx, o.quiet ?? false);
  const log = runLog.print;
  const probe = startupProbe(ctx);
  probe?.mark('command-loaded');
  // Synchronous and bounded by the documented limits; no handler yet, so a signal here ends the
  // process at once (nothing has been written), instead of waiting for the loading to finish.
  const setup = resolveRunSetup(profilePath, o, ctx, log);
  await checkPricesBeforeTraffic(o, setup.profile.aws?.region, ctx);
  probe?.mark('setup-resolved');
  // A signal before the traffic starts: remember it, send nothing, exit as interrupted.
  const early = new EarlySignals(ctx, log);
  try {
    const transport = resolveTransport(setup.profile, o, ctx.cwd, setup.targetFlag);
    // The AWS SDK's credential chain loads only for a profile that signs its requests.
    const signing = setup.profile.auth
      ? await (
          await import('./signing-setup.js')
        ).resolveSigning(setup.profile, {
          env: ctx.env,
          ...(setup.invokes
            ? {
                provider: setup.invokes.provider,
                label: `${setup.invokes.where} (Lambda Invokes are signed with SigV4)`,
              }
            : {}),
          ...(setup.targetFlag === undefined ? { fallback: EMBEDDED_SIGNING } : {}),
          onWarning: (m) => {
            setup.warnings.push(m);
            log(`warning: ${m}`);
          },
        })
      : undefined;
    const embedded = await startEmbedded(setup, o, ctx).catch((error: unknown) => {
      signing?.feed.stop();
      throw error;
    });
    probe?.mark(embedded ? 'target-started' : 'signing-resolved');
    try {
      const sending = {
        transportSettings: signing ? { ...transport, sigv4: signing.scope } : transport,
        signing,
      };
      const run = { ...openRun(setup, o, ctx, runLog, sending, embedded), probe };
      const collector = await preflight(run);
      probe?.mark('preflight-done');
      if (typeof collector === 'number') return collector;
      if (early.signal) return await interruptedBeforeStart(run, early.signal);
      run.writer.writeRecord(run.partial('running'));
      early.beforeQuit((signal) =>
        run.writer.writeRecord(
          failedRecord(run, 'aborted', `${signal} twice before the start: exited at once`),
        ),
      );
      return await trafficAndRecord(run, collector, early);
    } finally {
      signing?.feed.stop();
      await embedded?.stop();
    }
  } finally {
    early.release();
  }
}

function openRun(
  setup: RunSetup,
  o: RunOptions,
  ctx: CliContext,
  log: RunLog,
  sending: Pick<RunContext, 'transportSettings' | 'signing'>,
  embedded?: EmbeddedTarget,
): Omit<RunContext, 'probe'> {
  const targetUrl = setup.targetFlag ?? embedded!.url;
  if (embedded) log.print(`embedded notes API (${setup.platform} model) at ${targetUrl}`);
  // Shards of one test start together: the suffix keeps their run ids apart.
  const wanted =
    newRunId(new Date(), setup.profile.name) +
    (o.shard ? `-shard${o.shard.index + 1}of${o.shard.count}` : '');
  const dir = openRunFolder({ cwd: ctx.cwd, out: o.out, runId: wanted, overwrite: o.overwrite });
  // The default folder may carry a -2 suffix; the run id is then the folder's name.
  const runId = o.out === undefined ? basename(dir) : wanted;
  const meta = runMetadata(setup, o, ctx, runId, targetUrl, Boolean(embedded));
  meta.environment.client = transportClient(sending.transportSettings);
  meta.environment.timeoutMs = o.timeout;
  if (o.shard) meta.environment.shard = { index: o.shard.index + 1, count: o.shard.count };
  if (setup.connections !== undefined) meta.environment.connections = setup.connections;
  const shape = recordShape(setup.profile, setup.phases);
  const partial = (status: RunRecord['status'], reason?: string) =>
    buildRunRecord({
      meta: { ...meta, status, ...(reason ? { statusReason: reason } : {}) },
      ...shape,
      timeline: [],
      workers: [],
    });
  return {
    setup,
    o,
    ctx,
    log,
    meta,
    dir,
    writer: new RunRecordWriter(dir),
    ...(o.shard ? { shardWindows: new ShardWindowsWriter(dir) } : {}),
    targetUrl,
    embedded,
    ...sending,
    partial,
  };
}

/**
 * preflight: the target accepts connections, the user agreed to heavy remote load, and the
 * collector is ready. Returns the collector, or an exit code; throws RunError/CollectorError
 * (exit 3) after writing a `failed` record.
 */
async function preflight(run: RunContext): Promise<Collector | number> {
  const { setup, o, ctx } = run;
  try {
    await checkTarget(run.targetUrl);
    if (
      !isLoopback(run.targetUrl) &&
      !(await confirmLoad(ctx, redactUrl(run.targetUrl), setup.peakPerSec, o.yes ?? false))
    ) {
      ctx.stderr.write('not confirmed; nothing was sent\n');
      return exitCodes.usage;
    }
    return await selectCollector({
      probeResources: true,
      // A shard collects nothing: the merged run is collected once (shard-checks.ts).
      mode: o.shard ? 'none' : o.collect,
      embedded: run.embedded,
      aws: awsSpec(setup.profile, o.function),
      env: ctx.env,
    });
  } catch (error) {
    await writeFailedRecord(run, failedRecord(run, 'failed', (error as Error).message));
    throw error;
  }
}
