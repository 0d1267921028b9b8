// Issue 11 item 10: the YAML alias bomb exited 3 naming no file; now exit 2 with the file.
import { describe, expect, it } from 'vitest';
import { runCli, writeProfile } from '../helpers/run-profile.js';

const BOMB = `
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
load: { phases: [ { duration: 1s, rate: 1 } ] }
requests: [ { name: g, path: /x } ]
`;

describe('YAML alias bomb', () => {
  it('exits 2 naming the file and the alias limit', async () => {
    const path = writeProfile(BOMB);
    const r = await runCli(['plan', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${path}: 1 problem`);
    expect(r.stderr).toContain('cannot be read:');
    expect(r.stderr).toContain('aliases (*name) may expand to at most 100 copies');
    expect(r.stderr).not.toContain('bug in flashcrowd');
  });
});
