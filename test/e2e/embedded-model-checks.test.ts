/**
 * `run` on the embedded target checks its model before anything starts, as `simulate` does: a bad
 * `model:` field is named (it was reported as an unmodelled durable function), and a gate or an
 * Invoke naming a function (or, on LMI, a capacity provider) the model lacks is exit 2 (a gate was
 * judged unknown after the traffic, and `--allow-unknown` let the typo pass). Runs the built CLI.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const base = `
name: checked
load: { phases: [ { duration: 1s, rate: 5 } ] }
requests: [ { name: list, path: /notes } ]
`;

describe('run on the embedded target checks its model first', () => {
  it.each([
    [
      'a bad model field beside a durable request',
      `
name: durable
load: { phases: [ { duration: 1s, rate: 2 } ] }
requests: [ { name: order, durable: { function: wf, payload: { n: 1 }, poll: { every: 1s, timeout: 10s } } } ]
model:
  onDemand: { accountConcurrency: -5 }
  durable: { wf: { steps: [ { cpu: 10ms, service: 10ms } ] } }
`,
      [],
      'model.onDemand.accountConcurrency',
    ],
    [
      'a gate on a function the model lacks, even with --allow-unknown',
      base,
      ['--gate', 'lambda.throttles{function=notes-craete} == 0', '--allow-unknown'],
      'notes-craete',
    ],
    [
      'an lmi.* gate on a capacity provider the model lacks, on --platform lmi',
      base,
      ['--platform', 'lmi', '--gate', 'lmi.cpu_utilization.max{capacityProvider=typo} < 90%'],
      "{capacityProvider=typo} matches none of the run's capacity providers",
    ],
  ])('%s: exit 2, no folder', async (_what, yaml, flags, message) => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['run', writeProfile(yaml), '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('is not a modelled durable function');
    expect(existsSync(out)).toBe(false);
  });
});

describe('a load flag of the other model', () => {
  it('--max-lateness with the closed model exits 2 (only the open loop reads it)', async () => {
    const closed = `
name: users
load: { model: closed, phases: [ { duration: 1s, users: 2 } ] }
requests: [ { name: list, path: /notes } ]
`;
    const out = join(tempDir(), 'run');
    const r = await runCli(['run', writeProfile(closed), '--max-lateness', '10ms', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-lateness: the closed model does not read it');
    expect(existsSync(out)).toBe(false);
  });
});
