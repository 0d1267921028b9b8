/**
 * The shipped profiles pass their own gates on the default model (DESIGN.md, "Shipped profiles"):
 * ci-smoke in real time against the embedded notes API (under a minute, 50 req/s), the others
 * through `simulate` (virtual time; the 90-minute steady-state would not fit in a test otherwise).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { repoRoot, runCli, tempDir } from '../helpers/run-profile.js';

describe('shipped profiles pass their own gates', () => {
  it('ci-smoke against the embedded notes API, in real time', async () => {
    const out = tempDir();
    const r = await runCli([
      'run',
      join(repoRoot, 'profiles/ci-smoke.yaml'),
      '--out',
      out,
      '--quiet',
      '--seed',
      '3',
    ]);
    const rec = readValidRecord(out);
    expect(rec.gates.map((g) => [g.expr, g.verdict])).toEqual(
      rec.gates.map((g) => [g.expr, 'pass']),
    );
    expect(r.code).toBe(0);
    expect(rec.target.kind).toBe('embedded');
    expect(rec.totals.dropped).toBe(0);
    // The model saw exactly the requests the generator sent (series include the last second).
    const invocations = rec.platform.series
      .filter((s) => s.name === 'lambda.invocations')
      .reduce((sum, s) => sum + s.points.reduce((a, p) => a + p[1], 0), 0);
    expect(invocations).toBe(rec.totals.sent);
  }, 120_000);

  it.each([
    ['needlepoint.yaml', 'on-demand'],
    ['pulses.yaml', 'on-demand'],
    ['steady-state.yaml', 'lmi'],
    ['flow.yaml', 'on-demand'],
  ])(
    '%s through simulate (%s)',
    async (file, platform) => {
      const out = tempDir();
      const r = await runCli([
        'simulate',
        join(repoRoot, 'profiles', file),
        '--platform',
        platform,
        '--out',
        out,
        '--quiet',
        '--seed',
        '3',
      ]);
      const rec = readValidRecord(out);
      expect(rec.gates.filter((g) => g.verdict !== 'pass')).toEqual([]);
      expect(r.code).toBe(0);
      expect(rec.kind).toBe('simulate');
    },
    180_000,
  );
});
