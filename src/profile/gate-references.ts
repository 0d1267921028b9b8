/**
 * The names a gate's labels give must be ones the run can have: `{request=...}` a request of the
 * profile (a durable one for `durable.*`), `{flow=...}` a flow, `{function=...}` a function the
 * run is known to have, and an `lmi.*` gate's `{capacityProvider=...}` and `{instanceType=...}`
 * the LMI names it is known to have, when they are known (the model's, in `simulate` and `run`
 * against the embedded target). A gate naming another
 * could only ever be "unknown", which `--allow-unknown` lets pass: a typo would turn a gate off.
 * The same checks serve the profile's gates (rules.ts) and `--gate` (commandLineGates). Pure.
 */
import { ProfileError, type Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { parseGateExpression } from './gate-expression.js';
import type { GateSpec, Profile, RequestSpec } from './types.js';

/** What else is known of the run beyond its profile. */
export interface GateContext {
  /** The functions the run will have series of, when known (the model's); else unchecked. */
  functions?: readonly string[];
  /**
   * The labels the run's `lmi.*` series will carry, when known (the model's on `--platform lmi`);
   * else unchecked.
   */
  lmi?: { capacityProviders: readonly string[]; instanceTypes: readonly string[] };
}

/** The `lmi.*` labels checked against GateContext.lmi: label, what it names, where it is set. */
const LMI_LABELS = [
  ['capacityProvider', 'capacity providers', 'capacityProviders', 'model.lmi.capacityProvider'],
  ['instanceType', 'instance types', 'instanceTypes', 'model.lmi.instanceType or --instance-type'],
] as const;

/**
 * gateReferenceIssues: an issue for every label of `gates` naming what the run cannot have;
 * `pathOf(index)` says where gate `index` was written (`gates[2]`, `--gate`).
 */
export function gateReferenceIssues(
  profile: Profile,
  gates: readonly GateSpec[],
  pathOf: (index: number) => string,
  context: GateContext = {},
): Issue[] {
  const requests = profile.requests.map((request) => request.name);
  const durable = profile.requests.filter((request) => request.durable).map((r) => r.name);
  const flows = profile.flows.map((flow) => flow.name);
  return gates.flatMap((gate, index) => {
    const { request, flow, function: fn } = gate.labels;
    const issue = (message: string, fix: string) => ({ path: pathOf(index), message, hint: fix });
    const issues: Issue[] = [];
    if (request !== undefined && !requests.includes(request))
      issues.push(
        issue(
          `no request is named "${request}" in "${gate.expr}"`,
          hint(request, requests, 'requests'),
        ),
      );
    else if (
      request !== undefined &&
      gate.metric.startsWith('durable.') &&
      !durable.includes(request)
    )
      issues.push(
        issue(
          `"${request}" is not a durable request, in "${gate.expr}"`,
          durable.length > 0
            ? `durable requests: ${durable.join(', ')}`
            : 'the profile has no durable requests',
        ),
      );
    if (request === undefined && gate.metric.startsWith('durable.') && durable.length === 0)
      issues.push(
        issue(
          `the profile has no durable requests, so "${gate.expr}" could never be judged`,
          'add a request with durable:, or drop the gate',
        ),
      );
    const unchecked =
      gate.metric === 'checks.failure_rate' && uncheckedScope(profile, request, flow);
    if (unchecked)
      issues.push(
        issue(
          `${unchecked}, so "${gate.expr}" could never be judged`,
          'add expect: to the request (or a step of the flow), or drop the gate',
        ),
      );
    if (gate.metric === 'flows.abandoned_rate' && flows.length === 0)
      issues.push(
        issue(
          `the profile has no flows, so "${gate.expr}" could never be judged`,
          'add a flow under flows:, or drop the gate',
        ),
      );
    if (flow !== undefined && !flows.includes(flow))
      issues.push(
        issue(
          `no flow is named "${flow}" in "${gate.expr}"`,
          flows.length > 0 ? `flows: ${flows.join(', ')}` : 'the profile has no flows',
        ),
      );
    if (fn !== undefined && context.functions && !context.functions.includes(fn))
      issues.push(
        issue(
          `the run has no function "${fn}" in "${gate.expr}"`,
          hint(fn, context.functions, 'functions'),
        ),
      );
    const lmi = gate.metric.startsWith('lmi.') ? context.lmi : undefined;
    for (const [label, what, key, setBy] of lmi ? LMI_LABELS : []) {
      const name = gate.labels[label];
      const known = lmi?.[key] ?? [];
      if (name !== undefined && !known.includes(name))
        issues.push(
          issue(
            `{${label}=${name}} matches none of the run's ${what} in "${gate.expr}"`,
            `${what}: ${known.join(', ')} (${setBy} sets it)`,
          ),
        );
    }
    return issues;
  });
}

/**
 * commandLineGates parses the `--gate` expressions and checks their labels against the profile,
 * throwing one ProfileError (exit 2) with every problem when any is wrong.
 */
export function commandLineGates(
  profile: Profile,
  expressions: readonly string[],
  context: GateContext = {},
): GateSpec[] {
  const gates = expressions.map((expr) => parseGateExpression(expr));
  const issues = gateReferenceIssues(profile, gates, () => '', context);
  if (issues.length > 0) throw new ProfileError('--gate', issues);
  return gates;
}

/**
 * checkProfileGates: the profile's gates against what is known only at run time (`context`),
 * throwing ProfileError (exit 2) naming the profile; parseProfile checked the rest.
 */
export function checkProfileGates(profile: Profile, context: GateContext): GateSpec[] {
  const issues = gateReferenceIssues(profile, profile.gates, (index) => `gates[${index}]`, context);
  if (issues.length > 0) throw new ProfileError(profile.source, issues);
  return profile.gates;
}

/** runGates: the profile's gates, then the `--gate` flags, each checked against `context`. */
export function runGates(
  profile: Profile,
  expressions: readonly string[],
  context: GateContext = {},
): GateSpec[] {
  return [
    ...checkProfileGates(profile, context),
    ...commandLineGates(profile, expressions, context),
  ];
}

/** The warning a run without gates gets: its exit code then says nothing about the traffic. */
export const NO_GATES_WARNING =
  'no gates: exit code 0 whatever the run meets (add gates: or --gate)';

function hint(name: string, known: readonly string[], what: string): string {
  return didYouMean(name, known) ?? `${what}: ${known.join(', ')}`;
}

/**
 * uncheckedScope: why a checks.failure_rate gate could never be judged: what it reads (one
 * request, a flow's steps, or every request) has no `expect:` checks; null when it has some. A
 * name the profile lacks is reported by its own issue.
 */
function uncheckedScope(
  profile: Profile,
  request: string | undefined,
  flow: string | undefined,
): string | null {
  const checked = (r: RequestSpec) => r.expect !== undefined;
  if (request !== undefined) {
    const r = profile.requests.find((x) => x.name === request);
    return r && !checked(r) ? `request "${request}" has no expect: checks` : null;
  }
  if (flow !== undefined) {
    const f = profile.flows.find((x) => x.name === flow);
    return f && !f.steps.some((i) => checked(profile.requests[i]))
      ? `no step of flow "${flow}" has expect: checks`
      : null;
  }
  return profile.requests.some(checked) ? null : 'no request of the profile has expect: checks';
}
