/**
 * checkModelParams: the rules between fields of complete ModelParams that a schema cannot state
 * (ranges in order, reservations within the account, an environment that fits its instance type,
 * an instance type that has a price and matches the architecture). Issues carry `model.*` paths.
 */
import type { Issue } from '../errors.js';
import { instanceTypes } from './instance-types.js';
import { environmentShape } from './lmi-function-environments.js';
import {
  environmentLimits,
  functionNamesOf,
  type ModelParams,
  type Range,
} from './model-params.js';

/**
 * A cross-field problem: reported at one field's path, `comparedWith` names the other fields the
 * rule reads (so a flag that set one of those can be named, e.g. `--max-instances`).
 */
export interface ModelIssue extends Issue {
  comparedWith?: string[];
}

/** checkModelParams returns every cross-field problem of complete params (empty when valid). Pure. */
export function checkModelParams(p: ModelParams): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const range = (path: string, r: Range) => {
    if (r.min > r.max)
      issues.push({ path, message: `min (${r.min} ms) is above max (${r.max} ms)` });
  };
  range('model.onDemand.coldStart', p.onDemand.coldStartMs);
  range('model.onDemand.idleTimeout', p.onDemand.idleTimeoutMs);
  range('model.lmi.launchDelay', p.lmi.launchDelayMs);
  const reserved = Object.values(p.onDemand.reservedConcurrency).reduce((a, b) => a + b, 0);
  // Only reservations must leave 100 unreserved: an account's own limit may be lower (new accounts).
  if (reserved > 0 && reserved > p.onDemand.accountConcurrency - 100)
    issues.push({
      path: 'model.onDemand.reservedConcurrency',
      comparedWith: ['model.onDemand.accountConcurrency'],
      message: `reserves ${reserved}, but at least 100 of the account's ${p.onDemand.accountConcurrency} must stay unreserved`,
    });
  const l = p.lmi;
  const size = instanceTypes[l.instanceType];
  if (!size) {
    const close = Object.keys(instanceTypes).filter(
      (t) => t.split('.')[0] === l.instanceType.split('.')[0],
    );
    issues.push({
      path: 'model.lmi.instanceType',
      message: `instance type "${l.instanceType}" has no built-in price (and no size), so the model cannot use it`,
      hint: `priced types: ${(close.length > 0 ? close : Object.keys(instanceTypes)).join(', ')}`,
    });
  } else if (size.architecture !== p.architecture) {
    const same = Object.keys(instanceTypes).filter(
      (t) => instanceTypes[t].architecture === p.architecture,
    );
    issues.push({
      path: 'model.lmi.instanceType',
      comparedWith: ['model.architecture'],
      message: `${l.instanceType} is ${size.architecture}, but the model's architecture is ${p.architecture}`,
      hint: `set architecture: ${size.architecture} (--architecture ${size.architecture}), or pick a ${p.architecture} type: ${same.join(', ')}`,
    });
  } else if (
    l.functionMemoryGiB > size.memoryGiB ||
    l.functionMemoryGiB / l.memoryGiBPerVCpu > size.vCpus
  ) {
    issues.push({
      path: 'model.lmi.functionMemoryGiB',
      comparedWith: ['model.lmi.instanceType'],
      message: `one environment does not fit on ${l.instanceType}`,
    });
  }
  const vCpuPerEnv = l.functionMemoryGiB / l.memoryGiBPerVCpu;
  if (vCpuPerEnv < 1)
    issues.push({
      path: 'model.lmi.functionMemoryGiB',
      message: `gives ${vCpuPerEnv} vCPU per environment (functionMemoryGiB / memoryGiBPerVCpu); AWS's minimum is 1 vCPU`,
      hint: 'raise functionMemoryGiB or lower memoryGiBPerVCpu',
    });
  const envConcurrency = Math.floor(vCpuPerEnv * l.perVCpuMaxConcurrency);
  if (envConcurrency > 1600)
    issues.push({
      path: 'model.lmi.perVCpuMaxConcurrency',
      message: `gives ${envConcurrency} concurrent requests per environment (${vCpuPerEnv} vCPU x ${l.perVCpuMaxConcurrency}); AWS allows 1-1,600`,
    });
  issues.push(...checkEnvironmentLimits(p));
  if (l.minInstances > l.maxInstances)
    issues.push({
      path: 'model.lmi.minInstances',
      comparedWith: ['model.lmi.maxInstances'],
      message: `min (${l.minInstances}) is above max (${l.maxInstances})`,
    });
  if (l.initialInstances > l.maxInstances)
    issues.push({
      path: 'model.lmi.initialInstances',
      comparedWith: ['model.lmi.maxInstances'],
      message: `is above maxInstances (${l.maxInstances})`,
    });
  if (l.targetCpu <= 0) issues.push({ path: 'model.lmi.targetCpu', message: 'must be above 0' });
  else if (l.targetCpu > 1)
    issues.push({ path: 'model.lmi.targetCpu', message: 'must be at most 1 (100%)' });
  if (l.targetCpu <= 1 && l.cpuThrottleAt < l.targetCpu)
    issues.push({
      path: 'model.lmi.cpuThrottleAt',
      comparedWith: ['model.lmi.targetCpu'],
      message: `must not be below targetCpu (${l.targetCpu})`,
    });
  if (l.scalingTolerance >= 1)
    issues.push({ path: 'model.lmi.scalingTolerance', message: 'must be below 1 (100%)' });
  if (l.cpuThrottleWindowMs <= 0)
    issues.push({ path: 'model.lmi.cpuThrottleWindow', message: 'must be above 0' });
  if (l.evaluationIntervalMs <= 0)
    issues.push({ path: 'model.lmi.evaluationInterval', message: 'must be above 0' });
  for (const [name, r] of Object.entries(p.routes))
    range(`model.routes.${name}.serviceTime`, r.serviceMs);
  return issues;
}

/**
 * Per-function environment limits: `lmi.functions` names real functions, min <= max, and every
 * function's minimum fits on the most instances the provider may run.
 */
function checkEnvironmentLimits(p: ModelParams): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const l = p.lmi;
  const names = functionNamesOf(p);
  for (const name of Object.keys(l.functions)) {
    if (!names.includes(name))
      issues.push({
        path: `model.lmi.functions.${name}`,
        message: `no route is served by a function "${name}"`,
        hint: `functions: ${names.join(', ')}`,
      });
  }
  const limits = names.map((name) => ({ name, ...environmentLimits(p, name) }));
  for (const { name, min, max } of limits) {
    if (min > max) {
      const own = l.functions[name] ? `model.lmi.functions.${name}` : 'model.lmi';
      issues.push({
        path: `${own}.minExecutionEnvironments`,
        message: `min (${min}) is above maxExecutionEnvironments (${max}) for ${name}`,
      });
    }
  }
  const size = instanceTypes[l.instanceType];
  if (!size) return issues;
  const perInstance = environmentShape(p).envsPerInstance;
  const maxInstances = Math.min(l.maxInstances, Math.floor(l.maxVCpuCount / size.vCpus));
  const minimum = limits.reduce((n, x) => n + x.min, 0);
  if (perInstance > 0 && minimum > maxInstances * perInstance)
    issues.push({
      path: 'model.lmi.minExecutionEnvironments',
      comparedWith: ['model.lmi.maxInstances', 'model.lmi.instanceType'],
      message: `the ${names.length} functions' minimum ${minimum} environments need ${Math.ceil(minimum / perInstance)} ${l.instanceType} (${perInstance} each), above the ${maxInstances} the provider may run`,
      hint: 'raise maxInstances or maxVCpuCount, or lower minExecutionEnvironments',
    });
  return issues;
}
