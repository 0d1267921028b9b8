/**
 * flowRules: the rules of `flows:` on a normalized profile, each issue naming its path: unique
 * flow names, unique step names within a flow, and every `{{var}}` of a step captured by an
 * earlier step of the same flow (a step sees only its own instance's variables). Pure.
 */
import type { Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { requestTemplates } from './profile-templates.js';
import { TEMPLATE_FUNCTIONS } from './template.js';
import type { Profile } from './types.js';

/** flowRules returns every issue of the profile's flows. */
export function flowRules(profile: Profile): Issue[] {
  const issues: Issue[] = [];
  const flowNames = new Map<string, number>();
  profile.flows.forEach((flow, flowIndex) => {
    const first = flowNames.get(flow.name);
    if (first !== undefined)
      issues.push({
        path: `flows[${flowIndex}].name`,
        message: `"${flow.name}" is already the name of flows[${first}]`,
        hint: 'flow names must be unique',
      });
    else flowNames.set(flow.name, flowIndex);
    issues.push(...stepIssues(profile, flowIndex));
  });
  return issues;
}

function stepIssues(profile: Profile, flowIndex: number): Issue[] {
  const flow = profile.flows[flowIndex];
  const issues: Issue[] = [];
  const captured = new Map<string, string>();
  const stepNames = new Map<string, number>();
  flow.steps.forEach((requestIndex, stepIndex) => {
    const request = profile.requests[requestIndex];
    const step = request.flow?.step ?? request.name;
    const earlier = stepNames.get(step);
    if (earlier !== undefined)
      issues.push({
        path: `flows[${flowIndex}].steps[${stepIndex}].name`,
        message: `"${step}" is already the name of flows[${flowIndex}].steps[${earlier}]`,
        hint: 'step names must be unique within a flow',
      });
    else stepNames.set(step, stepIndex);
    for (const { path, template } of requestTemplates(request, requestIndex)) {
      for (const name of new Set(template.vars)) {
        if (captured.has(name)) continue;
        issues.push({
          path,
          message: `reads "{{${name}}}", but no earlier step of flow "${flow.name}" captures "${name}"`,
          hint:
            didYouMean(name, [...captured.keys(), ...Object.keys(TEMPLATE_FUNCTIONS)]) ??
            `capture it in an earlier step: capture: { ${name}: "$.id" }`,
        });
      }
    }
    for (const name of Object.keys(request.capture)) captured.set(name, step);
  });
  return issues;
}
