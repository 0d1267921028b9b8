/**
 * profiles/flow.yaml end to end: against the embedded notes API every user works on its own note
 * (no 404, no 409, every check passes, exit 0), and `simulate` of the same flow sends the same
 * number of requests per step. Bad checks, captures and flows exit 2 naming their path.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const FLOW = join(repoRoot, 'profiles/flow.yaml');
const STEPS = ['create', 'read', 'update', 'encrypt', 'decrypt', 'delete'];

describe('profiles/flow.yaml', () => {
  it('run against the embedded API: no 404 or 409, every check passes, exit 0; simulate sends the same requests per step', async () => {
    const runDir = tempDir();
    const run = await runCli(['run', FLOW, '--duration', '12s', '--out', runDir, '--quiet']);
    expect(run.code).toBe(0);
    const record = readValidRecord(runDir);
    expect(record.totals.byStatus['404']).toBeUndefined();
    expect(record.totals.byStatus['409']).toBeUndefined();
    expect(record.checks?.failed).toBe(0);
    expect(record.checks?.passed).toBeGreaterThan(0);
    const flow = record.flows?.[0];
    expect(flow).toMatchObject({ name: 'note-lifecycle', abandoned: 0, dropped: 0, failed: 0 });
    expect(flow?.completed).toBe(flow?.iterations);
    expect(record.gates.every((g) => g.verdict === 'pass')).toBe(true);
    // A step's capture is its instance's own (flows count `abandoned`), not a shared variable.
    expect(record.warnings.filter((w) => w.startsWith('capture '))).toEqual([]);

    const simDir = tempDir();
    const sim = await runCli(['simulate', FLOW, '--duration', '12s', '--out', simDir, '--quiet']);
    expect(sim.code).toBe(0);
    const simulated = readValidRecord(simDir);
    const perStep = (r: typeof record) => STEPS.map((s) => r.byRequest[`note-lifecycle.${s}`].sent);
    expect(perStep(simulated)).toEqual(perStep(record));
    expect(perStep(record)).toEqual(STEPS.map(() => flow?.iterations));
    expect(simulated.flows?.[0].iterations).toBe(flow?.iterations);
    expect(simulated.checks?.failed).toBe(0);
  });

  it('plan shows the flow and the request rate each step implies', async () => {
    const r = await runCli(['plan', FLOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('note-lifecycle.encrypt');
    expect(r.stdout).toContain('flow (iterations)');
  });
});

describe('bad checks, captures and flows exit 2 naming the path', () => {
  const LOAD = 'load: { phases: [ { duration: 1s, rate: 1 } ] }\n';
  it.each([
    [
      'an expect on an unknown field',
      `${LOAD}requests: [ { name: a, path: /x, expect: { statsu: 200 } } ]`,
      'requests[0].expect.statsu: unknown key',
    ],
    [
      'a flow step naming a variable no earlier step captures',
      `${LOAD}flows: [ { name: f, steps: [ { name: read, path: '/notes/{{noteId}}' } ] } ]`,
      'flows[0].steps[0].path: reads "{{noteId}}", but no earlier step of flow "f" captures "noteId"',
    ],
    [
      'a capture regex that does not compile',
      `${LOAD}requests: [ { name: a, path: /x, capture: { id: { regex: "([a-z]" } } } ]`,
      'requests[0].capture.id.regex: does not compile',
    ],
  ])('%s', async (_what, yaml, message) => {
    for (const command of ['plan', 'run', 'simulate']) {
      const r = await runCli([command, writeProfile(yaml)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
