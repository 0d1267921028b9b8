/**
 * Rules that span values of a normalized profile, each issue naming its path:
 * unique request names; every `{{var}}` captured by some request (and `producer` set to the
 * request that captures the first one); `{{env.NAME}}` set in the environment; phases that fit
 * the load model; `aws.functions` naming real requests; gate labels naming what the run has.
 */
import type { Issue } from '../errors.js';
import { formatIssuePath } from './issue-path.js';
import { profileTemplates, requestTemplates } from './profile-templates.js';
import {
  duplicateNames,
  uncapturedVariables,
  unknownRequestReferences,
  unsetEnvironmentVariables,
} from './rule-checks.js';
import { flowRules } from './flow-rules.js';
import { gateReferenceIssues } from './gate-references.js';
import type { Profile, RequestSpec } from './types.js';
import { requestUrlRules } from './request-url-rules.js';
import { isLambdaTarget } from './lambda-target.js';

/** Options of the rules. */
export interface RuleOptions {
  /** The environment `{{env.NAME}}` will read; when absent, environment variables are not checked. */
  env?: Record<string, string | undefined>;
  /** The target the run uses (`--target`), when it overrides the profile's `target:`. */
  target?: string;
}

/**
 * Checks the rules and returns every issue. Mutates `profile`: sets `producer` on each request
 * that reads a captured variable. Called by parseProfile only.
 */
export function applyRules(profile: Profile, options: RuleOptions = {}): Issue[] {
  return [
    ...uniqueNames(profile),
    ...capturedVariables(profile),
    ...(options.env ? environmentVariables(profile, options.env) : []),
    ...phasesFitModel(profile),
    ...requestReferences(profile),
    ...flowRules(profile),
    ...unabortableGates(profile),
    ...idleGateDelays(profile),
    ...requestUrlRules(profile),
    ...missingPaths(profile, options.target ?? profile.target),
  ];
}

/**
 * A request (or step) with neither path, url nor invoke is an Invoke of the target function when
 * the target is `lambda:`; otherwise its path is missing.
 */
function missingPaths(profile: Profile, target: string | undefined): Issue[] {
  if (isLambdaTarget(target)) return [];
  return profile.requests.flatMap((r, i) =>
    r.path.source !== '' || r.url !== undefined || r.invoke !== undefined
      ? []
      : [
          {
            path: `${r.flow ? `flows[${r.flow.flowIndex}].steps[${r.flow.stepIndex}]` : `requests[${i}]`}.path`,
            message: 'is required (or give url, or invoke: for a Lambda Invoke)',
            hint: 'e.g. path: /notes',
          },
        ],
  );
}

/**
 * What a fail-fast gate can see during the run: the partial record of abort-gate-check.ts holds
 * the timeline (so aggregates of seconds), its summed totals and the overall latency, and nothing
 * per request, no platform series and no after-the-run count. A gate on anything else could never fail
 * there, so `abortOnFail` on it would do nothing: refused. (A test keeps this list and the
 * partial record in step.)
 */
export const ABORTABLE_METRICS: ReadonlySet<string> = new Set([
  'http.error_rate',
  'http.throttle_rate',
  'http.4xx_rate',
  'http.status',
  'http.status_rate',
  'http.rps',
  'http.p50',
  'http.p90',
  'http.p99',
  'http.p999',
  'http.max',
  'generator.dropped',
]);

/** No `delay` without abortOnFail: it only holds back the check during the run. */
function idleGateDelays(profile: Profile): Issue[] {
  return profile.gates.flatMap((gate, index) =>
    !gate.abortOnFail && gate.delayMs > 0
      ? [
          {
            path: `gates[${index}].delay`,
            message: 'only delays the check of an abortOnFail gate during the run',
            hint: 'add abortOnFail: true, or drop delay (the gate is judged on the whole run at the end)',
          },
        ]
      : [],
  );
}

/** No abortOnFail on a gate the run so far cannot judge (see ABORTABLE_METRICS). */
function unabortableGates(profile: Profile): Issue[] {
  return profile.gates.flatMap((gate, index) => {
    if (!gate.abortOnFail) return [];
    const labels = Object.keys(gate.labels).filter((key) => key !== 'code');
    const reason = !ABORTABLE_METRICS.has(gate.metric)
      ? `${gate.metric} is judged after the run, never during it`
      : labels.length > 0
        ? `a gate with {${labels.join(',')}=...} is judged after the run, never during it`
        : undefined;
    return reason === undefined
      ? []
      : [
          {
            path: `gates[${index}].abortOnFail`,
            message: reason,
            hint: `drop abortOnFail (the gate still fails the run at the end); during the run only whole-run ${[...ABORTABLE_METRICS].join(', ')} can abort it`,
          },
        ];
  });
}

/** The requests of the `requests:` mix (the request table's first entries, before flow steps). */
function mixRequests(profile: Profile): RequestSpec[] {
  return profile.requests.filter((request) => !request.flow);
}

function uniqueNames(profile: Profile): Issue[] {
  return duplicateNames(mixRequests(profile).map((request) => request.name));
}

function capturedVariables(profile: Profile): Issue[] {
  const captured = new Set(mixRequests(profile).flatMap((request) => Object.keys(request.capture)));
  return [
    ...unknownVariables(profile, captured),
    ...sharedHeaderVariables(profile),
    ...assignProducers(profile, captured),
    ...producerCycles(profile),
  ];
}

function unknownVariables(profile: Profile, captured: Set<string>): Issue[] {
  // Flow steps read their own instance's variables: flowRules checks them.
  const templates = profileTemplates(profile).filter((t) => !t.path.startsWith('flows['));
  return uncapturedVariables(templates, captured);
}

/** Top-level headers go on every request, the producers too, which cannot wait for themselves. */
function sharedHeaderVariables(profile: Profile): Issue[] {
  return Object.entries(profile.headers)
    .filter(([, template]) => template.vars.length > 0)
    .map(([name, template]) => ({
      path: formatIssuePath(['headers', name]),
      message: `reads captured variable "${template.vars[0]}", but top-level headers go on every request, including the one that captures it`,
      hint: "move the header to the requests' own headers",
    }));
}

/** Sets `producer` on each request that reads a captured variable (mutates the requests). */
function assignProducers(profile: Profile, captured: Set<string>): Issue[] {
  const mix = mixRequests(profile);
  return mix.flatMap((request, index) => {
    const needed = requestTemplates(request, index).flatMap(({ template }) => template.vars);
    const first = needed.find((name) => captured.has(name));
    if (first === undefined) return [];
    const producer = mix.find((other) => other !== request && first in other.capture);
    if (producer) {
      request.producer = producer.name;
      return [];
    }
    return [
      {
        path: `requests[${index}]`,
        message: `reads "${first}" but only it captures "${first}"`,
        hint: 'another request must capture it first',
      },
    ];
  });
}

function producerCycles(profile: Profile): Issue[] {
  const byName = new Map(profile.requests.map((request) => [request.name, request]));
  return profile.requests.flatMap((request, index) => {
    const seen = new Set([request.name]);
    for (let next = request.producer; next !== undefined; next = byName.get(next)?.producer) {
      if (next === request.name) {
        return [
          {
            path: `requests[${index}]`,
            message: `its variables come from a cycle: ${[...seen].join(' -> ')} -> ${next}`,
            hint: 'one request in the cycle must need no captured variable',
          },
        ];
      }
      if (seen.has(next)) break;
      seen.add(next);
    }
    return [];
  });
}

function environmentVariables(profile: Profile, env: Record<string, string | undefined>): Issue[] {
  return unsetEnvironmentVariables(profileTemplates(profile), env);
}

function phasesFitModel(profile: Profile): Issue[] {
  const closed = profile.load.model === 'closed';
  return profile.load.phases.flatMap((phase, index): Issue[] => {
    if (closed && phase.kind !== 'users') {
      return [
        {
          path: `load.phases[${index}]`,
          message: 'the closed model runs users phases only',
          hint: 'write { duration: 60s, users: 50 } or set load.model: open',
        },
      ];
    }
    if (!closed && phase.kind === 'users') {
      return [
        {
          path: `load.phases[${index}].users`,
          message: 'users phases belong to the closed model',
          hint: 'set load.model: closed, or give a rate',
        },
      ];
    }
    return [];
  });
}

function requestReferences(profile: Profile): Issue[] {
  return unknownRequestReferences(
    profile.requests.map((request) => request.name),
    Object.keys(profile.aws?.functions ?? {}),
    [],
  ).concat(gateReferenceIssues(profile, profile.gates, (index) => `gates[${index}]`));
}
