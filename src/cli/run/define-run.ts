/** defineRun: `flashcrowd run <profile>` (declaration only; the body is src/cli/run/run-command.ts). */
import type { CommandDefinition } from '../command-definitions.js';
import { LIMITS } from '../../profile/limits.js';
import { addScheduleOptions } from '../schedule-options.js';
import { addArchitectureOption } from '../model-options.js';
import { addCostOptions } from '../cost-options.js';
import {
  collect,
  durationMs,
  functionMapping,
  nonNegativeInt,
  oneOf,
  positiveDurationMs,
  positiveInt,
  pathArg,
  isoInstant,
  shardArg,
} from '../option-parsers.js';
import type { RunOptions } from './run-options.js';
import { DEFAULT_HTTP_CLIENT, HTTP_CLIENTS } from '../../generator/transport-settings.js';

export const defineRun: CommandDefinition = (program, ctx, setExitCode) => {
  addCostOptions(addArchitectureOption(addScheduleOptions(program.command('run'))))
    .description(
      'replay a profile against a target (default: the embedded notes API) and write the run record',
    )
    .argument('<profile>', 'profile file (YAML or JSON)')
    .option(
      '--target <url>',
      'base URL of the target, or lambda:FUNCTION[:QUALIFIER] to send Lambda Invokes (default: start the embedded notes API)',
    )
    .option('--out <dir>', 'run folder (default: reports/<run-id>)', pathArg('--out'))
    .option('--overwrite', 'replace the run already in --out (default: refuse)')
    .option('--force', 'accept a plan beyond the sanity bound (see plan)')
    .option(
      '--workers <n>',
      'worker threads (default: cores - 1, at least 1, at most 4; limit 32)',
      positiveInt('--workers', LIMITS.workers),
    )
    .option('--gate <expr>', 'gate expression, repeatable (e.g. "http.p99 < 800ms")', collect, [])
    .option('--allow-unknown', 'a gate on a metric that was not collected does not fail the run')
    .option('--seed <n>', 'seed for arrivals, templates and the model', nonNegativeInt('--seed'))
    .option('--timeout <d>', 'per-request timeout (default: 10s)', positiveDurationMs('--timeout'))
    .option('--max-in-flight <n>', 'override load.maxInFlight', positiveInt('--max-in-flight'))
    .option(
      '--connections <n>',
      'connections to each origin, all workers together: opened before the start, never exceeded (requests wait for a free one; the wait counts in their latency). Default: about peak rate x 50 ms opened before, more as needed',
      positiveInt('--connections', LIMITS.connections),
    )
    .option(
      '--ca <file>',
      'https: trust the CA certificates in this PEM file (profile tls.ca)',
      pathArg('--ca'),
    )
    .option(
      '--cert <file>',
      'https: client certificate PEM for mutual TLS, with --key (tls.cert)',
      pathArg('--cert'),
    )
    .option('--key <file>', 'https: private key PEM of --cert (tls.key)', pathArg('--key'))
    .option(
      '--servername <name>',
      'https: TLS server name (SNI) the certificate must match (tls.servername)',
    )
    .option('--insecure', 'https: accept any server certificate (tls.insecure)')
    .option('--http2', 'https: offer HTTP/2 by ALPN; HTTP/1.1 if the server declines (http2)')
    .option(
      '--client <name>',
      `HTTP/1.1 client: ${HTTP_CLIENTS.join(' or ')} (default: ${DEFAULT_HTTP_CLIENT}; --http2 always uses undici)`,
      oneOf('--client', HTTP_CLIENTS),
    )
    .option(
      '--max-lateness <d>',
      'override load.maxLateness: drop (and count) arrivals the generator could not send within this long of their planned time (default: 1s)',
      positiveDurationMs('--max-lateness'),
    )
    .option(
      '--grace <d>',
      'after the schedule ends or after Ctrl-C, wait at most this long for requests in flight; the rest are recorded as aborted (default: --timeout + 1s, 11s)',
      durationMs('--grace'),
    )
    .option(
      '--platform <p>',
      'embedded target model: on-demand or lmi',
      oneOf('--platform', ['on-demand', 'lmi'] as const),
    )
    .option(
      '--collect <mode>',
      'platform metrics: none, model, aws or auto',
      oneOf('--collect', ['none', 'model', 'aws', 'auto'] as const),
      'auto',
    )
    .option(
      '--settle <d>',
      'wait this long after the run for late CloudWatch data',
      durationMs('--settle'),
    )
    .option(
      '--function <req=fn>',
      'map a request name to a Lambda function, repeatable',
      functionMapping,
      {},
    )
    .option(
      '--model <file>',
      'embedded target: model parameters (a `model:` block, or a profile with one)',
      pathArg('--model'),
    )
    .option('--instance-type <type>', 'embedded target: LMI instance type (e.g. m7g.xlarge)')
    .option('--target-cpu <fraction>', 'embedded target: LMI CPU utilization target (0.4 or 40%)')
    .option('--account-concurrency <n>', 'embedded target: on-demand account concurrency limit')
    .option('--min-instances <n>', 'embedded target: LMI minimum instances')
    .option('--max-instances <n>', 'embedded target: LMI maximum instances')
    .option(
      '--shard <i/n>',
      'send only shard I of N of the arrivals (one machine of a split test; needs --start-at, then flashcrowd merge)',
      shardArg,
    )
    .option(
      '--start-at <time>',
      'start the traffic at this instant (ISO 8601 with zone, e.g. 2026-12-03T18:30:00Z), shared by every shard',
      isoInstant('--start-at'),
    )
    .option('--no-reports', 'do not write report.html, report.md and junit.xml')
    .option('--yes', 'do not ask before heavy load on a non-loopback target')
    .option('--json', 'print the run record as JSON on stdout')
    .option('--quiet', 'print nothing but errors')
    .option('--verbose', 'the long terminal summary: every table and chart (default: one screen)')
    .action(async (profile: string, options: RunOptions) => {
      const { runCommand } = await import('./run-command.js');
      setExitCode(await runCommand(profile, withDefaults(options), ctx));
    });
};

/**
 * Durations default here so `--help` can show them as `10s` rather than milliseconds. The grace
 * outlasts the timeout by a second, so by default every request gets its full timeout.
 */
function withDefaults(o: RunOptions): RunOptions {
  const timeout = o.timeout ?? 10_000;
  return { ...o, timeout, grace: o.grace ?? timeout + 1000 };
}
