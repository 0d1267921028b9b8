/**
 * costAssumptions: the function memory, architecture and instance type a cost analysis uses,
 * taken from the options, else from the model parameters in the record, else from defaults
 * (the LMI defaults of DESIGN.md: m7g.xlarge, 4 GiB functions, arm64 to match Graviton).
 */
import type { RunRecord } from '../record/run-record.js';
import type { WorkAssumptions } from './work-done.js';

export const DEFAULT_ASSUMPTIONS: WorkAssumptions = {
  lambdaMemoryGiB: 4,
  architecture: 'arm64',
  instanceType: 'm7g.xlarge',
};

function numberAt(model: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = model[key];
    if (typeof value === 'number' && value > 0) return value;
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { value?: unknown }).value === 'number'
    ) {
      return (value as { value: number }).value;
    }
  }
  return undefined;
}

function stringAt(model: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = model[key];
    if (typeof value === 'string' && value !== '') return value;
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { value?: unknown }).value === 'string'
    ) {
      return (value as { value: string }).value;
    }
  }
  return undefined;
}

/**
 * costAssumptions merges, in priority order: `given`, the record's `platform.model` (keys
 * of the embedded model (`onDemand.functionMemoryMb`, `lmi.functionMemoryGiB`, `lmi.instanceType`),
 * or `functionMemoryGiB`/`memoryGiB`, `functionMemoryMb`/`memoryMb`, `architecture`, `instanceType`,
 * each either a value or `{ value, source }`), and DEFAULT_ASSUMPTIONS. Pure.
 */
export function costAssumptions(
  record: RunRecord,
  given: Partial<WorkAssumptions> = {},
): WorkAssumptions {
  const model = record.platform.model ?? {};
  // Keys of the embedded model's parameters (src/model/model-parameters.ts) come first.
  const onDemand = stringAt(model, ['platform']) !== 'lmi';
  const memoryMb = numberAt(
    model,
    onDemand
      ? ['onDemand.functionMemoryMb', 'functionMemoryMb', 'memoryMb']
      : ['functionMemoryMb', 'memoryMb'],
  );
  const memoryGiB = numberAt(
    model,
    onDemand
      ? ['functionMemoryGiB', 'memoryGiB']
      : ['lmi.functionMemoryGiB', 'functionMemoryGiB', 'memoryGiB'],
  );
  const modelMemoryGiB = memoryMb ? memoryMb / 1024 : memoryGiB;
  const arch = stringAt(model, ['architecture']);
  return {
    lambdaMemoryGiB: given.lambdaMemoryGiB ?? modelMemoryGiB ?? DEFAULT_ASSUMPTIONS.lambdaMemoryGiB,
    architecture:
      given.architecture ??
      (arch === 'x86_64' || arch === 'arm64' ? arch : DEFAULT_ASSUMPTIONS.architecture),
    instanceType:
      given.instanceType ??
      stringAt(model, ['lmi.instanceType', 'instanceType']) ??
      DEFAULT_ASSUMPTIONS.instanceType,
    ...(given.cpuSecondsPerRequest !== undefined
      ? { cpuSecondsPerRequest: given.cpuSecondsPerRequest }
      : {}),
  };
}
