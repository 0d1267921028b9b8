// `prices show` through the built CLI: the table of a region, and --region beside --prices
// refused (the file won and the region was silently ignored).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-profile.js';

describe('prices show', () => {
  it('prints the built-in table of a region, and refuses --region beside --prices', async () => {
    const shown = await runCli(['prices', 'show', '--region', 'us-west-2']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).region).toBe('us-west-2');
    const both = await runCli(['prices', 'show', '--region', 'eu-west-1', '--prices', 'p.json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--prices p.json is one table and wins over --region');
  });
});
