/**
 * mixChoice: what one arrival (or one loop of a user) runs: a request of the `requests:` mix or an
 * instance of a flow, chosen by weight among all of them. Pure; shared by the generator and
 * simulate so both choose alike. Without flows it is exactly pickRequest on the same draw.
 */
import type { FlowSpec } from '../profile/types.js';
import type { PreparedRequest } from './prepared-request.js';

/** The weights of the mix: requests first, then flows. */
export interface MixWeights {
  /** Total weight of the `requests:` mix (0 when there is none). */
  requestWeight: number;
  /** Cumulative upper bounds of the flows' weights, after requestWeight. */
  flowUpper: number[];
  total: number;
}

/** mixWeights computes the weights once. */
export function mixWeights(
  requests: readonly PreparedRequest[],
  flows: readonly FlowSpec[],
): MixWeights {
  const mix = requests.filter((r) => r.flow === undefined);
  const requestWeight = mix.length > 0 ? mix[mix.length - 1].weightUpper : 0;
  let upper = requestWeight;
  const flowUpper = flows.map((flow) => (upper += flow.weight));
  return { requestWeight, flowUpper, total: upper };
}

/**
 * mixChoice maps a draw `u` uniform in [0, 1) to a choice: a value >= 0 is a draw for the request
 * mix, to pass to pickRequest as `r` (in [0, requestWeight)); a value < 0 is flow `-(value + 1)`.
 */
export function mixChoice(weights: MixWeights, u: number): number {
  const r = u * weights.total;
  if (r < weights.requestWeight || weights.flowUpper.length === 0) return r;
  const upper = weights.flowUpper;
  let f = 0;
  while (f < upper.length - 1 && r >= upper[f]) f++;
  return -(f + 1);
}
