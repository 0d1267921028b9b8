/**
 * `flashcrowd simulate` end to end: the timeline covers the schedule's seconds (not the seconds of
 * late replies), fail-fast gates stop it as they stop `run`, and lateness is zero, not unknown.
 */
import { describe, expect, it } from 'vitest';
import { readValidRecord } from '../helpers/read-valid-record.js';
import { runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

const slowProfile = (gates: string) => `
name: slow
load: { phases: [ { duration: 3s, rate: 20 } ] }
requests:
  - { name: create, method: POST, path: /notes, json: { title: x, body: y }, capture: { id: $.id } }
  - { name: summarize, weight: 3, method: POST, path: "/notes/{{id}}/summarize" }
gates: ${gates}
`;

describe('flashcrowd simulate', () => {
  it('buckets the timeline by planned second: a 3 s profile of 2-4 s replies has 3 entries', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(slowProfile('[]')),
      '--out',
      out,
      '--quiet',
      '--seed',
      '1',
    ]);
    expect(r.code).toBe(0);
    const rec = readValidRecord(out);
    expect(rec.timeline).toHaveLength(3);
    expect(rec.timeline.reduce((s, e) => s + e.sent, 0)).toBe(60);
    expect(rec.latenessMs).toMatchObject({ count: 60, p99: 0 });
  });

  it('stops at a failing abortOnFail gate after its delay, status aborted, exit 1', async () => {
    const out = tempDir();
    const profile = slowProfile(
      "[ { expr: 'http.p50 < 1ms', abortOnFail: true, delay: 1s } ]",
    ).replace('3s', '60s');
    const r = await runCli([
      'simulate',
      writeProfile(profile),
      '--out',
      out,
      '--quiet',
      '--seed',
      '1',
    ]);
    expect(r.code).toBe(1);
    const rec = readValidRecord(out);
    expect(rec.status).toBe('aborted');
    expect(rec.statusReason).toMatch(/http\.p50 < 1ms/);
    expect(rec.totals.sent).toBeLessThan(20 * 15);
    expect(rec.gates[0].verdict).toBe('fail');
  });

  it('reports generator lateness as zero, so a lateness gate passes', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(slowProfile("['generator.lateness_p99 < 5ms']")),
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(readValidRecord(out).gates[0]).toMatchObject({ verdict: 'pass', observed: 0 });
  });

  it("says the profile's target, tls, http2 and auth are for run, on stderr and in the record", async () => {
    const out = tempDir();
    const profile = slowProfile('[]').replace(
      'load:',
      'target: https://127.0.0.1:9\ntls: { insecure: true }\nhttp2: true\nload:',
    );
    const r = await runCli(['simulate', writeProfile(profile), '--out', out, '--seed', '1']);
    expect(r.code).toBe(0);
    const warning =
      'simulate replays the profile through the model: its target (https://127.0.0.1:9), tls, http2 are for run, not used here';
    expect(r.stderr).toContain(`warning: ${warning}`);
    expect(readValidRecord(out).warnings).toContain(warning);
  });

  it('warns that a run without gates exits 0 whatever it met, on stderr and in the record', async () => {
    const out = tempDir();
    const r = await runCli([
      'simulate',
      writeProfile(slowProfile('[]')),
      '--out',
      out,
      '--seed',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: no gates: exit code 0 whatever the run meets');
    expect(readValidRecord(out).warnings.join('\n')).toContain('no gates');
    const gated = tempDir();
    const g = await runCli([
      'simulate',
      writeProfile(slowProfile('[]')),
      '--out',
      gated,
      '--seed',
      '1',
      '--gate',
      'http.p99 < 1h',
    ]);
    expect(g.stderr).not.toContain('no gates');
  });

  it('says nothing of auth for a lambda: target, whose Invokes the model serves', async () => {
    const out = tempDir();
    const profile = `
name: invokes
target: lambda:notes-read
load: { phases: [ { duration: 1s, rate: 5 } ] }
requests: [ { name: read, json: { id: n1 } } ]
`;
    const r = await runCli(['simulate', writeProfile(profile), '--out', out, '--seed', '1']);
    expect(r.stderr).not.toContain('not used here');
    expect(readValidRecord(out).warnings.join('\n')).not.toContain('not used here');
  });
});
