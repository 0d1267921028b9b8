/**
 * durablePollPlan: what a plan's durable requests ask of the GetDurableExecution budget, before
 * anything is sent. An execution polled every `every` for `d` ms takes about ceil(d / every)
 * polls, so a request started at `r` per second (its weight's share of the peak arrival rate)
 * asks r x ceil(d / every) polls per second once its executions overlap (a flow's durable step
 * starts at its flow's share of the arrivals: one start per instance, at most). `d` is the modelled
 * duration of the function when known (model.durable), else `poll.timeout` (the most it may
 * take). A warning names the requests when the total passes the budget (30/s per account and
 * Region, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): polls are
 * then spread out by the pacer and executions are seen to end later than they do. Starts above
 * 300/s get their own warning. Pure.
 */
import type { Profile, RequestSpec } from '../profile/types.js';

/** Durable starts per second per account and Region. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const STARTS_PER_SEC = 300;
/** GetDurableExecution requests per second per account and Region. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const POLLS_PER_SEC = 30;

export interface DurablePollDemand {
  /** Polls per second the plan asks for at its peak, all durable requests together. */
  pollsPerSec: number;
  /** Durable starts per second at the peak. */
  startsPerSec: number;
  warnings: string[];
}

/** durablePollPlan returns undefined when the profile has no durable request. */
export function durablePollPlan(
  profile: Profile,
  peakPerSec: number,
  nominalMsOf: (fn: string) => number | undefined,
): DurablePollDemand | undefined {
  const mix = profile.requests.filter((r) => r.weight > 0);
  const flowWeight = (r: RequestSpec) => (r.flow ? profile.flows[r.flow.flowIndex].weight : 0);
  const total =
    mix.reduce((t, r) => t + r.weight, 0) + profile.flows.reduce((t, f) => t + f.weight, 0);
  // A flow's durable step starts once per instance: at most its flow's share of the arrivals.
  const durable = profile.requests.filter(
    (r) => r.durable !== undefined && (r.weight > 0 || flowWeight(r) > 0),
  );
  if (durable.length === 0 || total === 0) return undefined;
  let pollsPerSec = 0;
  let startsPerSec = 0;
  const parts: string[] = [];
  for (const r of durable) {
    const spec = r.durable;
    if (!spec) continue;
    const starts = (peakPerSec * (r.flow ? flowWeight(r) : r.weight)) / total;
    startsPerSec += starts;
    if (spec.poll.mode !== 'status') continue;
    const d = Math.min(nominalMsOf(spec.function) ?? spec.poll.timeoutMs, spec.poll.timeoutMs);
    const perExecution = Math.max(1, Math.ceil(d / spec.poll.everyMs));
    pollsPerSec += starts * perExecution;
    parts.push(`${r.name}: ${fmt(starts)} starts/s x ${perExecution} polls`);
  }
  const warnings: string[] = [];
  if (pollsPerSec > POLLS_PER_SEC)
    warnings.push(
      `durable: the plan asks for about ${fmt(pollsPerSec)} GetDurableExecution polls/s at its peak (${parts.join('; ')}), ` +
        `above the account's ${POLLS_PER_SEC}/s: polls are paced under it, so executions are seen to end later. ` +
        'Poll less often (poll.every), lower the rate, or use poll: cloudwatch',
    );
  if (startsPerSec > STARTS_PER_SEC)
    warnings.push(
      `durable: the plan starts about ${fmt(startsPerSec)} executions/s at its peak, above the ${STARTS_PER_SEC}/s quota of durable starts: expect throttles`,
    );
  return { pollsPerSec, startsPerSec, warnings };
}

function fmt(x: number): string {
  return x >= 10 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 10) / 10);
}
