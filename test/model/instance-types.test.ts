import { describe, expect, it } from 'vitest';
import { instanceTypes } from '../../src/model/instance-types.js';
import { parseModelParams } from '../../src/model/parse-model-params.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { ProfileError } from '../../src/errors.js';

describe('one instance list: the model accepts exactly the priced types', () => {
  it.each(Object.keys(builtinPrices))('%s: same keys, same sizes as the price table', (region) => {
    const ec2 = builtinPrices[region].ec2;
    expect(Object.keys(instanceTypes).sort()).toEqual(Object.keys(ec2).sort());
    for (const [type, size] of Object.entries(instanceTypes)) {
      expect([type, size.vCpus, size.memoryGiB]).toEqual([
        type,
        ec2[type].vcpus,
        ec2[type].memoryGiB,
      ]);
    }
  });

  it('names Graviton (g) families arm64 and the others x86_64', () => {
    for (const [type, size] of Object.entries(instanceTypes)) {
      const family = type.split('.')[0];
      expect([type, size.architecture]).toEqual([type, /\dg$/.test(family) ? 'arm64' : 'x86_64']);
    }
  });

  it('rejects a type without a price, saying so', () => {
    let caught: unknown;
    try {
      parseModelParams({ lmi: { instanceType: 'm7g.4xlarge' } }, {}, 'test');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProfileError);
    const issue = (caught as ProfileError).issues[0];
    expect(issue.path).toBe('model.lmi.instanceType');
    expect(issue.message).toContain('no built-in price');
    expect(issue.hint).toContain('m7g.xlarge');
  });
});
