/**
 * What `run` checks of the embedded target's model before anything starts: the model itself and
 * the functions it serves (embeddedGateContext, as simulate checks them), and that no flag setting
 * it is given against a real target, where it would be ignored (refuseEmbeddedModelFlags); and
 * what the model makes known of the run's gates (modelGateContext, for run and simulate).
 */
import { UsageError } from '../../errors.js';
import { functionNamesOf, type ModelParams } from '../../model/model-params.js';
import { parseModel, type ModelOverrides } from '../../model/parse-model-params.js';
import type { GateContext } from '../../profile/gate-references.js';
import type { Profile } from '../../profile/types.js';
import { checkModelledFunctions } from '../lambda-setup.js';
import type { RunOptions } from './run-options.js';

/**
 * The embedded target's gate context (modelGateContext); ProfileError (exit 2) for a bad model or
 * an unmodelled Invoke.
 */
export function embeddedGateContext(
  profile: Profile,
  modelBlock: unknown,
  overrides: ModelOverrides,
  modelFile: string | undefined,
): ModelGateContext {
  const parsed = parseModel(modelBlock, overrides, modelFile ?? profile.source);
  const context = modelGateContext(parsed.params);
  checkModelledFunctions(profile, context.functions);
  return context;
}

/** A gate context whose functions are known. */
export type ModelGateContext = GateContext & { functions: readonly string[] };

/**
 * modelGateContext: the names the model's series carry, for checking gate labels: its functions,
 * and on the lmi platform its one capacity provider and instance type (an on-demand run has no
 * `lmi.*` series, so those labels are left to the verdict's note). Pure.
 */
export function modelGateContext(params: ModelParams): ModelGateContext {
  const functions = functionNamesOf(params);
  if (params.platform !== 'lmi') return { functions };
  const lmi = {
    capacityProviders: [params.lmi.capacityProvider],
    instanceTypes: [params.lmi.instanceType],
  };
  return { functions, lmi };
}

/**
 * The flags that set the embedded target's model, refused against a real target rather than
 * ignored: the AWS collector reads each function's own architecture, memory and scaling.
 */
const EMBEDDED_MODEL_FLAGS = [
  ['architecture', '--architecture'],
  ['platform', '--platform'],
  ['model', '--model'],
  ['instanceType', '--instance-type'],
  ['targetCpu', '--target-cpu'],
  ['accountConcurrency', '--account-concurrency'],
  ['minInstances', '--min-instances'],
  ['maxInstances', '--max-instances'],
] as const satisfies ReadonlyArray<readonly [keyof RunOptions, string]>;

export function refuseEmbeddedModelFlags(o: RunOptions, where: string): void {
  const given = EMBEDDED_MODEL_FLAGS.filter(([key]) => o[key] !== undefined).map(
    ([, flag]) => flag,
  );
  if (given.length === 0) return;
  throw new UsageError(
    `${given.join(', ')} ${given.length === 1 ? 'sets' : 'set'} the embedded target's model, but the run has a real target (${where}); ` +
      `against a real target the AWS collector reads each function's own settings (drop ${given.join(', ')}, or the target)`,
  );
}
