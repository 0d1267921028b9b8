/**
 * recordLabels: the names the run record gives a profile's checks and flows (per request, the
 * names compileChecks gives its `expect:`; per flow, its name and steps). Pure; `run` and
 * `simulate` pass it to buildRunRecord (through recordShape) so both name them alike.
 */
import type { Phase, Profile } from '../profile/types.js';
import type { RecordLabels } from '../record/build-run-record.js';
import { checkNames } from '../mix/response-check.js';
import { phaseSpans } from '../schedule/phase-timeline.js';

export function recordLabels(profile: Profile): Required<RecordLabels> {
  return {
    checkNames: profile.requests.map((request) => checkNames(request.expect)),
    flows: profile.flows.map((flow) => ({ name: flow.name, steps: flow.steps })),
  };
}

/**
 * recordShape: the shape of a run's request table (request names, check and flow labels, phase
 * spans), as buildRunRecord and a shard's shard.json take it. Pure; a new object.
 */
export function recordShape(profile: Profile, phases: readonly Phase[]) {
  return {
    requestNames: profile.requests.map((r) => r.name),
    ...recordLabels(profile),
    phases: phaseSpans(phases),
  };
}
