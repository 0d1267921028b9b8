// Issue 11 item 4: inputs that crashed the process (V8 fatal, heap exhaustion, "Invalid string
// length", minutes of work) are refused with exit 2, naming the limit and the path.
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { LIMITS } from '../../src/profile/limits.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { readTraceFile } from '../../src/profile/read-trace-file.js';
import { profileFrom, runCli, tempDir, writeProfile } from '../helpers/run-profile.js';

function issues(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ProfileError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const LOAD = 'load: { phases: [ { duration: 1s, rate: 1 } ] }';

describe('template limits', () => {
  it('{{words 999999999}} is refused, naming the path and the limit (it was a V8 fatal error)', () => {
    const found = issues(() =>
      profileFrom(
        `${LOAD}\nrequests: [ { name: a, method: POST, path: /x, json: { t: "{{words 999999999}}" } } ]`,
      ),
    );
    expect(found).toEqual([
      `requests[0].json.t: "words" takes at most ${LIMITS.words} words in "{{words 999999999}}"`,
    ]);
  });
  it('{{text N}} past the limit, and a template rendering past its limit, are refused', () => {
    expect(
      issues(() =>
        profileFrom(`${LOAD}\nrequests: [ { name: a, path: "/x", body: "{{text 99999999}}" } ]`),
      ),
    ).toEqual([
      `requests[0].body: "text" takes at most ${LIMITS.textLength} characters in "{{text 99999999}}"`,
    ]);
    const body = '{{text 1000000}}'.repeat(5);
    expect(
      issues(() =>
        profileFrom(`${LOAD}\nrequests: [ { name: a, path: "/x", body: "${body}" } ]`),
      )[0],
    ).toContain(`one template may render to at most ${LIMITS.templateChars}`);
  });
});

describe('count limits', () => {
  it('400,000 requests are refused at once (it took 9.5 minutes and 6.8 GB)', () => {
    const dir = tempDir();
    const path = join(dir, 'many.json');
    const requests = Array.from({ length: 400_000 }, (_, i) => ({ name: `r${i}`, path: '/x' }));
    writeFileSync(path, JSON.stringify({ load: { phases: [{ duration: 1, rate: 1 }] }, requests }));
    expect(issues(() => loadProfile(path))).toEqual([
      `requests: has 400000 entries; flashcrowd accepts at most ${LIMITS.requests}`,
    ]);
  });
  it('more phases than the limit are refused', () => {
    const phases = Array.from({ length: LIMITS.phases + 1 }, () => ({ duration: 1, rate: 1 }));
    const dir = tempDir();
    const path = join(dir, 'p.json');
    writeFileSync(
      path,
      JSON.stringify({ load: { phases }, requests: [{ name: 'a', path: '/x' }] }),
    );
    expect(issues(() => loadProfile(path))[0]).toContain(
      `load.phases: has ${LIMITS.phases + 1} entries`,
    );
  });
  it('--workers past the limit exits 2 naming it (1000 workers exhausted the heap)', async () => {
    const r = await runCli([
      'plan',
      writeProfile(`${LOAD}\nrequests: [ { name: a, path: /x } ]`),
      '--workers',
      '1000',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--workers must be at most ${LIMITS.workers} (got 1000)`);
  });
});

describe('trace limits', () => {
  it('a trace of 10 million rows is refused at the row limit, read as a stream', async () => {
    const dir = tempDir();
    const file = join(dir, 'huge.csv');
    const out = createWriteStream(file);
    out.write('t,rate\n');
    const rows: string[] = [];
    for (let i = 0; i < 10_000_000; i++) {
      rows.push(`${i},1`);
      if (rows.length === 100_000) {
        if (!out.write(`${rows.join('\n')}\n`)) await once(out, 'drain');
        rows.length = 0;
      }
    }
    out.end();
    await once(out, 'finish');
    const result = readTraceFile(file, 'huge.csv');
    expect(result).toMatchObject({
      ok: false,
      message: `huge.csv: has more than ${LIMITS.traceRows} points, the limit of one trace`,
    });
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      `load: { phases: [ { trace: { file: huge.csv } } ] }\nrequests: [ { name: a, path: /x } ]\n`,
    );
    const r = await runCli(['plan', profile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('load.phases[0].trace.file: huge.csv: has more than');
  });
  it('a streamed CSV trace reads the same points as the text parser', () => {
    const dir = tempDir();
    const file = join(dir, 't.csv');
    writeFileSync(file, '# c\r\nt,rate\r\n0,1\r\n2.5,3\n');
    expect(readTraceFile(file, 't.csv')).toEqual({
      ok: true,
      points: [
        [0, 1],
        [2.5, 3],
      ],
    });
  });
});
