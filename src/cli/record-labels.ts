/**
 * recordLabels: the names the run record gives a profile's checks and flows (per request, the
 * names compileChecks gives its `expect:`; per flow, its name and steps). Pure; `run` and
 * `simulate` pass it to buildRunRecord so both name them alike.
 */
import type { Profile } from '../profile/types.js';
import type { RecordLabels } from '../record/build-run-record.js';
import { checkNames } from '../mix/response-check.js';

export function recordLabels(profile: Profile): Required<RecordLabels> {
  return {
    checkNames: profile.requests.map((request) => checkNames(request.expect)),
    flows: profile.flows.map((flow) => ({ name: flow.name, steps: flow.steps })),
  };
}
