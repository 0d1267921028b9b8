/**
 * Issue 9 item 10, cost side: every instance type the scaling model accepts has a built-in price
 * (no model run goes unpriced), and a type without a price is an error that names the table.
 */
import { describe, expect, it } from 'vitest';
import { instanceTypes } from '../../src/model/instance-types.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';

describe('built-in prices cover the model instance types', () => {
  it.each(Object.keys(builtinPrices))('%s prices every model type with its size', (region) => {
    const table = builtinPrices[region];
    for (const [type, size] of Object.entries(instanceTypes)) {
      expect(table.ec2[type], type).toBeDefined();
      expect(table.ec2[type]).toMatchObject({ vcpus: size.vCpus, memoryGiB: size.memoryGiB });
    }
  });
});
