import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  fraction,
  isoInstant,
  nonNegativeInt,
  pathArg,
  port,
  positiveFraction,
  positiveInt,
  shardArg,
} from '../../src/cli/option-parsers.js';
import { runCli } from '../helpers/run-profile.js';

describe('whole-number options', () => {
  it('read decimal digits', () => {
    expect(nonNegativeInt('--seed')('0')).toBe(0);
    expect(nonNegativeInt('--seed')('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(positiveInt('--workers')('3')).toBe(3);
    expect(port('--port')('8080')).toBe(8080);
  });

  // Number() reads '' and ' ' as 0, '0x10' as 16 and '1e3' as 1000: each would run silently.
  it.each(['', ' ', '0x10', '1e3', '-1', '1.5', '9007199254740993'])('refuse %j', (value) => {
    expect(() => nonNegativeInt('--seed')(value)).toThrow(UsageError);
    expect(() => nonNegativeInt('--seed')(value)).toThrow(`--seed must be a whole number`);
  });

  it('refuse the same in positiveInt and port', () => {
    for (const value of ['', '0x10', '0'])
      expect(() => positiveInt('--workers')(value)).toThrow(UsageError);
    for (const value of ['', '0x10', '65536'])
      expect(() => port('--port')(value)).toThrow(UsageError);
  });
});

describe('path options', () => {
  it('keep a path as written', () => {
    expect(pathArg('--out')('runs/a b')).toBe('runs/a b');
  });

  // `--out ''` resolved to the working folder; an empty --prices or --model was skipped.
  it.each(['', '  '])('refuse %j, naming the flag', (value) => {
    expect(() => pathArg('--out')(value)).toThrow(UsageError);
    expect(() => pathArg('--out')(value)).toThrow('--out is empty: give a path');
  });

  it('are refused empty by the CLI before anything is written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'flashcrowd-empty-out-'));
    for (const args of [
      ['simulate', 'x.yaml', '--out', ''],
      ['run', 'x.yaml', '--prices', ''],
      ['report', 'x', '--out', ' '],
    ]) {
      const r = await runCli(args, { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--(out|prices) is empty/);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('durations that must be more than 0', () => {
  // `--duration 0` planned nothing and `--timeout 0` timed every request out, both exit 0 or 1.
  it.each([
    ['plan', '--duration'],
    ['simulate', '--duration'],
    ['run', '--duration'],
    ['simulate', '--timeout'],
    ['run', '--timeout'],
  ])('%s %s 0 exits 2', async (command, flag) => {
    const cwd = mkdtempSync(join(tmpdir(), 'flashcrowd-zero-'));
    const r = await runCli([command, 'x.yaml', flag, '0'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag} must be more than 0 (got "0")`);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('fractions', () => {
  it('read 0.3 and 30% alike', () => {
    expect(fraction('--savings-plan-ec2')('0.3')).toBe(0.3);
    expect(fraction('--savings-plan-ec2')('30%')).toBe(0.3);
    expect(fraction('--savings-plan-ec2')('0')).toBe(0);
    expect(positiveFraction('--cpu-fraction')('1')).toBe(1);
    expect(positiveFraction('--cpu-fraction')('5%')).toBe(0.05);
  });

  it.each(['0', '0%', '-0.1', '1.5', '', 'x'])('positiveFraction refuses %j', (value) => {
    expect(() => positiveFraction('--cpu-fraction')(value)).toThrow(UsageError);
    expect(() => positiveFraction('--cpu-fraction')(value)).toThrow(
      '--cpu-fraction must be a fraction above 0 and at most 1',
    );
  });

  // `--cpu-fraction 0` passed the parser, the run went ahead, and the cost analysis was then
  // dropped with exit 0; it is a usage error before anything runs, as 1.5 is.
  it.each(['0', '1.5'])('simulate and run --cpu-fraction %s exit 2', async (value) => {
    const cwd = mkdtempSync(join(tmpdir(), 'flashcrowd-cpu-fraction-'));
    for (const command of ['simulate', 'run']) {
      const r = await runCli([command, 'x.yaml', '--cpu-fraction', value], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--cpu-fraction must be a fraction above 0 and at most 1`);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('--shard and --start-at', () => {
  it('--shard reads a 1-based I/N', () => {
    expect(shardArg('1/4')).toEqual({ index: 0, count: 4 });
    expect(shardArg('4/4')).toEqual({ index: 3, count: 4 });
    expect(shardArg('1/1')).toEqual({ index: 0, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '1', '1/4/2', 'a/b', '-1/4', '1/1001', ''])(
    '--shard refuses %j',
    (value) => {
      expect(() => shardArg(value)).toThrow(UsageError);
      expect(() => shardArg(value)).toThrow('--shard must be I/N with 1 <= I <= N <= 1000');
    },
  );

  it('--start-at reads an ISO date-time with its zone', () => {
    expect(isoInstant('--start-at')('2026-12-03T18:30:00Z')).toBe(Date.UTC(2026, 11, 3, 18, 30));
    expect(isoInstant('--start-at')('2026-12-03T19:30:00+01:00')).toBe(
      Date.UTC(2026, 11, 3, 18, 30),
    );
    expect(isoInstant('--start-at')('2026-12-03T18:30:00.250Z')).toBe(
      Date.UTC(2026, 11, 3, 18, 30, 0, 250),
    );
  });

  // Without a zone, Date.parse reads local time: shards in two time zones would start hours apart.
  it.each(['2026-12-03T18:30:00', '2026-12-03', 'tomorrow', '1764786600', '2026-13-03T18:30:00Z'])(
    '--start-at refuses %j',
    (value) => {
      expect(() => isoInstant('--start-at')(value)).toThrow(
        '--start-at must be a date and time with its zone',
      );
    },
  );

  // Date.parse rolls these over (02-30 is March 2, 24:00 the next day): another instant than written.
  it.each(['2026-02-30T10:00:00Z', '2026-04-31T10:00:00Z', '2026-12-03T24:00:00Z'])(
    '--start-at refuses %j, a time the calendar lacks',
    (value) => {
      expect(() => isoInstant('--start-at')(value)).toThrow('is no time of day on the calendar');
    },
  );

  it('--start-at accepts the last day of each month, a leap day and a full offset', () => {
    expect(isoInstant('--start-at')('2028-02-29T23:59:59Z')).toBe(
      Date.UTC(2028, 1, 29, 23, 59, 59),
    );
    expect(isoInstant('--start-at')('2026-12-31T12:00:00-11:30')).toBe(
      Date.UTC(2026, 11, 31, 23, 30),
    );
    expect(() => isoInstant('--start-at')('2027-02-29T10:00:00Z')).toThrow('on the calendar');
  });
});
