/**
 * planCommand: `flashcrowd plan <profile>`. Validates the profile and prints the schedule the run
 * would follow (phases, total requests, peak rate, duration, per-worker share) and what the test
 * itself would cost on on-demand Lambda. Touches no clock, socket or thread.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { loadPrices } from '../../pricing/load-prices.js';
import { priceSource } from '../price-source.js';
import { planMix, type MixPlanRow } from '../../mix/plan-mix.js';
import { simulatedInvokes } from '../lambda-setup.js';
import { loadProfile } from '../../profile/load-profile.js';
import { formatUsd } from '../../report/format-values.js';
import { planSchedule, type SchedulePlan } from '../../schedule/plan-schedule.js';
import { textStyle } from '../../report/text-style.js';
import type { CliContext } from '../cli-context.js';
import { colorDecision } from '../color-decision.js';
import { checkPlanCeiling, refuseEmptySchedule, refuseIdleForce } from '../plan-ceiling.js';
import { durablePlanWarnings } from '../durable-plan-warnings.js';
import { checkProfileTlsFiles } from '../run/transport-setup.js';
import type { PlanCommandOptions } from './define-plan.js';
import { formatShard } from '../../schedule/shard-split.js';

/** Assumed for the test-cost estimate: 1 GB functions busy 100 ms a request (stated in the output). */
const ASSUMED_GB = 1;
const ASSUMED_SECONDS_PER_REQUEST = 0.1;

export function planCommand(profilePath: string, o: PlanCommandOptions, ctx: CliContext): number {
  // Invoke contradictions (src/cli/lambda-setup.ts) are profile errors in plan too.
  const profile = simulatedInvokes(loadProfile(resolve(ctx.cwd, profilePath), { env: ctx.env }));
  const workers = o.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const plan = planSchedule(profile, {
    workers,
    ...(o.shard ? { shard: o.shard } : {}),
    timeScale: o.timeScale,
    rateScale: o.rateScale,
    maxDurationMs: o.duration,
  });
  refuseIdleForce(o.force, profile.load.model);
  if (profile.load.model === 'open') refuseEmptySchedule(plan.plannedRequests);
  checkProfileTlsFiles(profile);
  checkPlanCeiling({
    command: 'plan',
    peakPerSec: plan.shard?.peakRatePerSec ?? plan.peakRatePerSec,
    plannedRequests: plan.shard?.requests ?? plan.plannedRequests,
    workers,
    ...(plan.shard ? { shard: formatShard(plan.shard) } : {}),
    force: o.force ?? false,
  });
  // Durable poll budget: warned of on stderr (plan does not know whether run will use a --target).
  for (const w of durablePlanWarnings(profile, plan.peakRatePerSec, workers, false))
    ctx.stderr.write(`warning: ${w}\n`);
  const prices = loadPrices(priceSource(undefined, profile.aws?.region, ctx));
  const mix = planMix(profile, {
    total: plan.plannedRequests,
    peakPerSec: plan.peakRatePerSec,
    meanPerSec: plan.meanRatePerSec,
  });
  // With flows an arrival is a flow instance: each sends every step, so requests exceed arrivals.
  const requests =
    profile.flows.length === 0
      ? plan.plannedRequests
      : mix.filter((r) => r.kind !== 'flow').reduce((sum, r) => sum + r.requests, 0);
  // The architecture the profile's model block names, x86_64 (AWS's default) unless arm64. Not
  // validated: plan checks the schedule, and simulate or run checks the model.
  const architecture = profile.model?.architecture === 'arm64' ? 'arm64' : 'x86_64';
  const testCostUsd =
    (requests / 1e6) * prices.lambda.requestsUsdPerMillion +
    requests * ASSUMED_SECONDS_PER_REQUEST * ASSUMED_GB * prices.lambda.gbSecondUsd[architecture];
  // null when the profile sets none: `run` draws a random seed, and the plan does not pretend.
  const seed = plan.seed;
  if (o.json) {
    ctx.stdout.write(
      `${JSON.stringify({ profile: profile.name, ...plan, mix, plannedHttpRequests: requests, seed, testCostUsd, testCostArchitecture: architecture }, null, 2)}\n`,
    );
    return 0;
  }
  const color = colorDecision(ctx.stdout, ctx.env, o.color);
  ctx.stdout.write(
    renderPlan(profile.name, plan, testCostUsd, prices.date, { color, seed, architecture }),
  );
  if (profile.flows.length > 0) ctx.stdout.write(renderMix(mix, plan.model, color, requests));
  return 0;
}

/** renderMix: the flows (arrivals = iterations) and the request rate each step implies. */
export function renderMix(
  mix: MixPlanRow[],
  model: string,
  color: boolean,
  httpRequests: number,
): string {
  const table = new Table({
    head: ['kind', 'name', 'share', 'think after', 'requests', 'peak req/s', 'mean req/s'],
    style: color ? { head: ['cyan'] } : { head: [], border: [] },
  });
  const closed = model === 'closed';
  for (const r of mix) {
    table.push([
      r.kind === 'flow' ? 'flow (iterations)' : r.kind,
      r.kind === 'step' ? `  ${r.name}` : r.name,
      `${(r.share * 100).toFixed(1)}%`,
      r.thinkMs === undefined ? '' : fmtDuration(r.thinkMs),
      closed ? '-' : Math.round(r.requests).toLocaleString('en-US'),
      closed ? '-' : +r.peakPerSec.toFixed(1),
      closed ? '-' : +r.meanPerSec.toFixed(1),
    ]);
  }
  const note = closed
    ? 'closed model: each user runs one flow instance after another; rates depend on replies'
    : 'each arrival runs one flow instance; every step is one request per instance, sent after the previous reply plus its think time';
  return [
    'mix (arrivals split by weight)',
    table.toString(),
    `${note}; ${Math.round(httpRequests).toLocaleString('en-US')} HTTP requests in all`,
    '',
  ].join('\n');
}

function fmtDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${+s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return m < 120
    ? `${m}m${Math.round(s % 60) ? `${Math.round(s % 60)}s` : ''}`
    : `${Math.floor(m / 60)}h${m % 60}m`;
}

/** How renderPlan prints: colour (a TTY without NO_COLOR) and the profile's seed. */
export interface RenderPlanOptions {
  /** ANSI colours in the table heading; false for pipes and files. */
  color: boolean;
  /** The profile's seed; null when it sets none (then `run` picks a random one). */
  seed: number | null;
  /** The architecture the test cost is priced at (default x86_64, AWS's). */
  architecture?: 'x86_64' | 'arm64';
}

/** renderPlan: the human view of a plan. Pure; returns the text to print. */
export function renderPlan(
  name: string,
  plan: SchedulePlan,
  testCostUsd: number,
  pricesDate: string,
  options: RenderPlanOptions = { color: false, seed: plan.seed },
): string {
  const phases = new Table({
    head: [
      '#',
      'kind',
      'start',
      'duration',
      'from req/s',
      'to req/s',
      'peak req/s',
      'requests',
    ].map((h) => textStyle(options.color)('header', h)),
    // No colour names for cli-table3: the header is styled from the CLI's one colour decision.
    style: { head: [], border: [] },
  });
  for (const r of plan.phaseRows) {
    phases.push([
      r.index,
      r.kind,
      fmtDuration(r.startMs),
      fmtDuration(r.durationMs),
      Math.round(r.fromPerSec),
      Math.round(r.toPerSec),
      Math.round(r.peakPerSec),
      Math.round(r.plannedRequests).toLocaleString('en-US'),
    ]);
  }
  const shares = plan.perWorker
    .map(
      (w) =>
        `worker ${w.workerIndex}: ${Math.round(w.requests).toLocaleString('en-US')} requests, peak ${Math.round(w.peakRatePerSec)} req/s`,
    )
    .join('\n  ');
  return [
    `plan for ${name} (${plan.model} model, ${plan.arrivals} arrivals, ` +
      `seed: ${options.seed === null ? 'random (none set)' : options.seed})`,
    phases.toString(),
    `total: ${Math.round(plan.plannedRequests).toLocaleString('en-US')} requests over ${fmtDuration(plan.totalDurationMs)}; ` +
      `peak ${plan.peakIsUpperBound ? 'up to ' : ''}${Math.round(plan.peakRatePerSec)} req/s` +
      (plan.peakIsUpperBound ? ' (wave noise of a seed drawn at the run)' : '') +
      `, mean ${Math.round(plan.meanRatePerSec)} req/s` +
      (plan.model === 'closed' ? `; up to ${plan.maxUsers} users` : ''),
    ...(plan.shard
      ? [
          `shard ${formatShard(plan.shard)}: ${Math.round(plan.shard.requests).toLocaleString('en-US')} requests, peak ${Math.round(plan.shard.peakRatePerSec)} req/s`,
        ]
      : []),
    `split across ${plan.workers} worker${plan.workers === 1 ? '' : 's'}${plan.shard ? ' (of this shard)' : ''}:\n  ${shares}`,
    `this test on AWS on-demand Lambda: about ${formatUsd(testCostUsd)} ` +
      `(requests plus ${ASSUMED_SECONDS_PER_REQUEST * 1000} ms at ${ASSUMED_GB} GB ${options.architecture ?? 'x86_64'} each, assumed; prices of ${pricesDate})`,
    '',
  ].join('\n');
}
