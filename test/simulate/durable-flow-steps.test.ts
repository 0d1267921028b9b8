/**
 * Durable flow steps in `simulate` (virtual time): a step waits for the modelled workflow's end
 * (polled every poll.every after the start reply) before the next step; a FAILED workflow or a
 * poll.timeout passed first marks the instance failed; `poll: cloudwatch` goes on with the start
 * reply. The durable record counts the flow's executions as for requests of the mix. Needs
 * `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const flow = (name: string, durable: string) => `
  - name: ${name}
    steps:
      - name: start
        durable: ${durable}
        capture: { arn: { header: x-amz-durable-execution-arn } }
      - { name: after, path: '/notes?order={{arn}}' }`;

const PROFILE = `name: durable-flow-steps
load: { phases: [ { duration: 4s, rate: 10 } ] }
flows:${flow('good', '{ function: quick, poll: { every: 200ms, timeout: 1m } }')}${flow(
  'failing',
  '{ function: broken, poll: { every: 200ms, timeout: 1m } }',
)}${flow('slow', '{ function: long, poll: { every: 200ms, timeout: 1s } }')}${flow(
  'metrics',
  '{ function: long, poll: cloudwatch }',
)}
model:
  onDemand: { coldStart: 0ms }
  durable:
    quick: { steps: [ { cpu: 10ms }, { wait: 500ms }, { cpu: 10ms } ] }
    broken: { failRate: 1, steps: [ { cpu: 10ms }, { wait: 300ms }, { cpu: 10ms } ] }
    long: { steps: [ { cpu: 10ms }, { wait: 5s }, { cpu: 10ms } ] }
`;

describe('durable flow steps in simulate', () => {
  it('wait in virtual time; the outcome marks the instance', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(PROFILE),
      '--out',
      out,
      '--seed',
      '4',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    const flows = Object.fromEntries((rec.flows ?? []).map((f) => [f.name, f]));
    const n = (name: string) => flows[name].iterations;
    expect(n('good') + n('failing') + n('slow') + n('metrics')).toBe(40);
    for (const name of ['good', 'failing', 'slow', 'metrics']) {
      expect(n(name)).toBeGreaterThan(0); // seed 4 draws every flow
      expect(flows[name]).toMatchObject({ completed: n(name), abandoned: 0, interrupted: 0 });
      expect(flows[name].failed).toBe(name === 'failing' || name === 'slow' ? n(name) : 0);
      expect(rec.byRequest[`${name}.after`].sent).toBe(n(name));
    }
    // good: the workflow's 0.5 s wait (and its first poll after the end) comes before `after`.
    expect(flows.good.durationMs?.p50).toBeGreaterThanOrEqual(600);
    // slow: followed for its 1 s poll.timeout, then on; metrics: on with the start reply.
    expect(flows.slow.durationMs?.p50).toBeGreaterThanOrEqual(1000);
    expect(flows.slow.durationMs?.p50).toBeLessThan(1500);
    expect(flows.metrics.durationMs?.p50).toBeLessThan(200);
    const d = rec.durable?.byRequest;
    expect(d?.['good.start']).toMatchObject({
      started: n('good'),
      byStatus: { SUCCEEDED: n('good') },
    });
    expect(d?.['good.start'].polls).toBe(3 * n('good')); // ends at ~0.52 s: polls at 0.2, 0.4, 0.6 s (no cold starts)
    expect(d?.['failing.start']).toMatchObject({ byStatus: { FAILED: n('failing') }, running: 0 });
    expect(d?.['slow.start']).toMatchObject({
      started: n('slow'),
      byStatus: {},
      running: n('slow'),
    });
    expect(d?.['metrics.start']).toMatchObject({ started: n('metrics'), polls: 0 });
  }, 60_000);
});
