/**
 * planMix: what `plan` shows of the mix: each request's and each flow's share of the arrivals,
 * and the request rate each flow step implies (every instance sends each step once, later by the
 * think time and replies before it, so a step's rate follows the arrival rate at that lag). Pure.
 */
import type { Profile } from '../profile/types.js';

/** One row of the mix in a plan. */
export interface MixPlanRow {
  /** `request`: a request of `requests:`; `flow`: a flow (its arrivals); `step`: one of its steps. */
  kind: 'request' | 'flow' | 'step';
  name: string;
  /** Share of the arrivals (0..1): the row's weight over the total weight; a step its flow's. */
  share: number;
  /** Arrivals (or step requests) over the run. */
  requests: number;
  peakPerSec: number;
  meanPerSec: number;
  /** Steps: the think time after the step (ms). */
  thinkMs?: number;
}

/** planMix splits `arrivals` (peak and mean rates) over the requests and flows by weight. */
export function planMix(
  profile: Profile,
  arrivals: { total: number; peakPerSec: number; meanPerSec: number },
): MixPlanRow[] {
  const mix = profile.requests.filter((r) => r.flow === undefined);
  const total =
    mix.reduce((sum, r) => sum + r.weight, 0) + profile.flows.reduce((sum, f) => sum + f.weight, 0);
  if (total <= 0) return [];
  const row = (kind: MixPlanRow['kind'], name: string, share: number): MixPlanRow => ({
    kind,
    name,
    share,
    requests: arrivals.total * share,
    peakPerSec: arrivals.peakPerSec * share,
    meanPerSec: arrivals.meanPerSec * share,
  });
  return [
    ...mix.map((r) => row('request', r.name, r.weight / total)),
    ...profile.flows.flatMap((flow) => {
      const share = flow.weight / total;
      return [
        row('flow', flow.name, share),
        ...flow.steps.map((i) => {
          const step = profile.requests[i];
          return { ...row('step', step.name, share), thinkMs: step.flow?.thinkMs ?? 0 };
        }),
      ];
    }),
  ];
}
