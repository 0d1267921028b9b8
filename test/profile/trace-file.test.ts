import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.js';
import { parseTrace } from '../../src/profile/trace-file.js';
import { issuesOf, linesOf } from './profile-issues.js';

describe('parseTrace', () => {
  test.each([
    [
      'CSV with header',
      'r.csv',
      't,rate\n0,10\n30,20.5\n',
      [
        [0, 10],
        [30, 20.5],
      ],
    ],
    [
      'CSV with blanks, comments and CRLF',
      'r.csv',
      '# from prod\r\n t , rate \r\n\r\n0, 1\r\n5 ,2\r\n',
      [
        [0, 1],
        [5, 2],
      ],
    ],
    [
      'JSON array of pairs',
      'r.json',
      '[[0, 10], [1.5, 0]]',
      [
        [0, 10],
        [1.5, 0],
      ],
    ],
  ] as const)('%s', (_what, name, text, points) => {
    expect(parseTrace(text, name)).toEqual({ ok: true, points });
  });

  test.each([
    ['CSV without header', 'r.csv', '0,10\n', 'r.csv: the first line must be the header t,rate'],
    ['CSV row of three cells', 'r.csv', 't,rate\n0,1,2\n', 'r.csv: line 2: expected t,rate'],
    [
      'CSV rate not a number',
      'r.csv',
      't,rate\n0,lots\n',
      'r.csv line 2: rate must be a number >= 0',
    ],
    ['negative rate', 'r.csv', 't,rate\n0,-1\n', 'r.csv line 2: rate must be a number >= 0'],
    ['times not increasing', 'r.csv', 't,rate\n0,1\n5,1\n5,2\n', 'r.csv line 4: t must increase'],
    ['header only', 'r.csv', 't,rate\n', 'r.csv: has no points'],
    ['JSON not an array', 'r.json', '{"t": 1}', 'r.json: must be a JSON array of [t, rate] pairs'],
    ['JSON entry not a pair', 'r.json', '[[0, 1], [2]]', 'r.json: entry 1: expected [t, rate]'],
    ['JSON string rate', 'r.json', '[[0, "1"]]', 'r.json entry 0: rate must be a number >= 0'],
    ['JSON syntax', 'r.json', '[[0, 1]', 'r.json: not valid JSON'],
  ] as const)('%s', (_what, name, text, message) => {
    const result = parseTrace(text, name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('trace phases', () => {
  const folder = mkdtempSync(join(tmpdir(), 'flashcrowd-trace-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  mkdirSync(join(folder, 'traces'));
  writeFileSync(join(folder, 'traces', 'prod.csv'), 't,rate\n0,10\n60,40\n120,20\n');
  writeFileSync(join(folder, 'traces', 'prod.json'), '[[0, 10], [60, 40], [120, 20]]');
  const profile = (phase: string) => `
load:
  phases:
    - { duration: 5s, rate: 1 }
    - ${phase}
    - { duration: 10s, rampTo: 0 }
requests: [{ name: a, path: / }]
`;
  const write = (name: string, text: string) => {
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  };

  test.each(['prod.csv', 'prod.json'])('reads %s relative to the profile, scaled', (file) => {
    const path = write(
      'p.yaml',
      profile(`{ trace: { file: traces/${file}, timeScale: 0.5, rateScale: 2 } }`),
    );
    const { phases } = loadProfile(path).load;
    expect(phases[1]).toEqual({
      kind: 'trace',
      source: `traces/${file}`,
      // t × 0.5 in ms; rate × 2. The duration defaults to the last point.
      points: [
        [0, 20],
        [30_000, 80],
        [60_000, 40],
      ],
      durationMs: 60_000,
    });
    // The last point lies at the end, so the next ramp starts from the rate held before it.
    expect(phases[2]).toMatchObject({ kind: 'ramp', fromPerSec: 80 });
  });

  test('an explicit duration overrides the last point and holds the last rate', () => {
    const path = write('p.yaml', profile('{ duration: 3m, trace: { file: traces/prod.csv } }'));
    const { phases } = loadProfile(path).load;
    expect(phases[1]).toMatchObject({
      durationMs: 180_000,
      points: [
        [0, 10],
        [60_000, 40],
        [120_000, 20],
      ],
    });
    expect(phases[2]).toMatchObject({ fromPerSec: 20 });
  });

  test('a missing trace file is an issue at the trace path', () => {
    const text = profile('{ trace: { file: traces/missing.csv } }');
    expect(linesOf(issuesOf(text, 'p.yaml', { baseDir: folder, readFile: undefined }))).toEqual([
      `load.phases[1].trace.file: traces/missing.csv: no such file (paths are relative to ${folder})`,
    ]);
  });

  test('a bad trace file is an issue at the trace path, naming the line', () => {
    write('traces/bad.csv', 't,rate\n0,1\nx,2\n');
    const text = profile('{ trace: { file: traces/bad.csv } }');
    expect(linesOf(issuesOf(text, 'p.yaml', { baseDir: folder, readFile: undefined }))).toEqual([
      'load.phases[1].trace.file: traces/bad.csv line 3: t must be a number >= 0',
    ]);
  });

  test('a one-point trace needs a duration', () => {
    write('traces/one.csv', 't,rate\n0,5\n');
    const text = profile('{ trace: { file: traces/one.csv } }');
    expect(linesOf(issuesOf(text, 'p.yaml', { baseDir: folder, readFile: undefined }))).toEqual([
      'load.phases[1].duration: is required: the trace ends at t = 0 (e.g. duration: 60s)',
    ]);
  });
});
