/**
 * modelParameters: the model's parameters as listed in run.json (`platform.model`): one entry per
 * parameter, `{ value, source }`, where source is the AWS documentation URL of the default,
 * "assumed ..." where AWS publishes none, or where the user set it (profile, command line).
 */
import { instanceTypes, INSTANCE_TYPES_SOURCE } from './instance-types.js';
import { defaultSources, type ModelParams } from './model-params.js';

/** One listed parameter. */
export interface ModelParameter {
  value: unknown;
  source: string;
}

/**
 * modelParameters lists `params` by dotted path; `userSources` (from parseModel) names the
 * parameters the user set. Pure.
 */
export function modelParameters(
  params: ModelParams,
  userSources: Record<string, string> = {},
): Record<string, ModelParameter> {
  const out: Record<string, ModelParameter> = {};
  const put = (path: string, value: unknown) => {
    out[path] = { value, source: userSources[path] ?? defaultSources[path] ?? 'assumed' };
  };
  put('platform', params.platform);
  put('architecture', params.architecture);
  put('timeScale', params.timeScale);
  put('errorRate', params.errorRate);
  for (const [key, value] of Object.entries(params.onDemand)) put(`onDemand.${key}`, value);
  for (const [key, value] of Object.entries(params.lmi)) put(`lmi.${key}`, value);
  const size = instanceTypes[params.lmi.instanceType];
  if (size) out['lmi.instanceSize'] = { value: size, source: INSTANCE_TYPES_SOURCE };
  for (const [route, r] of Object.entries(params.routes)) {
    out[`routes.${route}`] = {
      value: r,
      source: userSources[`routes.${route}`] ?? defaultSources.routes,
    };
  }
  for (const [fn, d] of Object.entries(params.durable ?? {})) {
    out[`durable.${fn}`] = {
      value: d,
      source: userSources[`durable.${fn}`] ?? 'profile',
    };
  }
  return out;
}
