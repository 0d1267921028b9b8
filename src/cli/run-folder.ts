/**
 * openRunFolder: the folder a `run` or `simulate` writes its record into, claimed before anything
 * is written. `--out DIR` that already holds a run (run.json or timeline.ndjson) is refused unless
 * `--overwrite` (then the earlier run's files are removed); the default `reports/<run-id>` gets a
 * `-2`, `-3`, ... suffix when that folder exists, so the default never replaces an earlier run (the
 * claim is one mkdir, so two runs started in the same second cannot take the same folder).
 * A folder that cannot be created or written is a UsageError that says "not writable";
 * writableFolder gives every other `--out` (report, compare, collect) the same checks.
 */
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { SHARD_FILE, SHARD_WINDOWS_FILE } from '../record/shard-files.js';

/**
 * The files of a run folder: the first two make it "an earlier run"; --overwrite removes them all
 * (a shard's too, so that a shard run again never leaves the last one's beside its run.json).
 */
const RUN_FILES = [
  'run.json',
  'timeline.ndjson',
  'report.md',
  'report.html',
  'junit.xml',
  SHARD_FILE,
  SHARD_WINDOWS_FILE,
];

export interface RunFolderOptions {
  cwd: string;
  /** `--out DIR`, or undefined for the default `reports/<run-id>`. */
  out?: string;
  runId: string;
  /** `--overwrite`: an --out folder holding a run is emptied of its run files and reused. */
  overwrite?: boolean;
}

/** openRunFolder returns the absolute folder, created and writable; throws UsageError (exit 2). */
export function openRunFolder(o: RunFolderOptions): string {
  if (o.out === undefined && o.overwrite)
    throw new UsageError(
      '--overwrite replaces the run in --out, and there is no --out: the default folder never replaces a run (give --out DIR, or drop --overwrite)',
    );
  if (o.out === undefined) return claimDefault(resolve(o.cwd, 'reports', o.runId));
  const dir = resolve(o.cwd, o.out);
  const held = RUN_FILES.slice(0, 2).filter((f) => existsSync(join(dir, f)));
  if (held.length > 0 && !o.overwrite)
    throw new UsageError(
      `--out ${o.out}: already holds a run (${held.join(', ')}); pass --overwrite to replace it, or choose another folder`,
    );
  if (o.overwrite) for (const f of RUN_FILES) rmSync(join(dir, f), { force: true });
  return writableFolder(dir, `--out ${o.out}`);
}

/**
 * writableFolder creates `dir` when missing and checks that it is a folder this process can
 * write to, or throws UsageError (exit 2) naming `label` (`--out x`). For every `--out`.
 */
export function writableFolder(dir: string, label: string): string {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`${label}: ${dir} is a file, not a folder; choose a folder`);
  writable(dir, label, () => makeDir(dir));
  return dir;
}

function claimDefault(base: string): string {
  writable(dirname(base), 'reports folder', () => makeDir(dirname(base)));
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw notWritable(dir, dir, error);
    }
  }
}

/**
 * makeDir creates `dir` and its missing parents, one plain mkdir each from the nearest folder that
 * exists: Node's recursive mkdir never returns on some pseudo file systems (/proc).
 */
function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d);
}

/** writable runs `create`, then checks write access; any failure becomes "not writable". */
function writable(dir: string, label: string, create: () => void): void {
  try {
    create();
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw notWritable(dir, label, error);
  }
}

function notWritable(dir: string, label: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new UsageError(
    `${label}: ${dir} is not writable (${code}); choose a folder you can write to`,
  );
}
