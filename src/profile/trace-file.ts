/**
 * Reads a rate trace: CSV with header `t,rate` (seconds from start, requests per second) or a
 * JSON array of `[t, rate]`. Times must increase; rates must be >= 0. Reading goes through the
 * injected `readFile`, so this file itself does no I/O. At most LIMITS.traceRows points.
 */
import { LIMITS } from './limits.js';

/** Trace points as written: seconds and requests per second. */
export type TracePoints = Array<[tSec: number, ratePerSec: number]>;

/** The points, or what is wrong with the file (one message, naming the line or entry). */
export type TraceResult =
  { ok: true; points: TracePoints } | { ok: false; message: string; hint?: string };

/** Parses trace text; `fileName` picks JSON (`*.json`) or CSV and appears in messages. */
export function parseTrace(text: string, fileName: string): TraceResult {
  return fileName.toLowerCase().endsWith('.json')
    ? checkRows(jsonRows(text), fileName)
    : parseTraceLines(text.split(/\r?\n/), fileName);
}

/**
 * parseTraceLines: a CSV trace given line by line (a stream: nothing holds the whole file),
 * stopping at the first problem or at the row limit (LIMITS.traceRows).
 */
export function parseTraceLines(lines: Iterable<string>, fileName: string): TraceResult {
  return checkRows(csvRows(lines), fileName);
}

function checkRows(rows: Rows, fileName: string): TraceResult {
  if ('message' in rows)
    return { ok: false, message: `${fileName}: ${rows.message}`, hint: rows.hint };
  if (rows.length === 0) return { ok: false, message: `${fileName}: has no points` };
  for (let i = 0; i < rows.length; i++) {
    const { where, t, rate } = rows[i];
    if (!Number.isFinite(t) || t < 0)
      return { ok: false, message: `${fileName} ${where}: t must be a number >= 0` };
    if (!Number.isFinite(rate) || rate < 0) {
      return { ok: false, message: `${fileName} ${where}: rate must be a number >= 0` };
    }
    if (i > 0 && t <= rows[i - 1].t)
      return { ok: false, message: `${fileName} ${where}: t must increase` };
  }
  return { ok: true, points: rows.map(({ t, rate }) => [t, rate]) };
}

type Row = { where: string; t: number; rate: number };
type Rows = Row[] | { message: string; hint?: string };

function csvRows(lines: Iterable<string>): Rows {
  const rows: Row[] = [];
  let header = false;
  let number = 0;
  for (const raw of lines) {
    number++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!header) {
      if (line.replace(/\s/g, '') !== 't,rate') break;
      header = true;
      continue;
    }
    const cells = line.split(',').map((cell) => cell.trim());
    const where = `line ${number}`;
    if (cells.length !== 2 || cells.some((cell) => cell === ''))
      return { message: `${where}: expected t,rate` };
    if (rows.length === LIMITS.traceRows) return tooManyRows();
    rows.push({ where, t: Number(cells[0]), rate: Number(cells[1]) });
  }
  if (!header)
    return {
      message: 'the first line must be the header t,rate',
      hint: 'seconds from start, requests per second',
    };
  return rows;
}

function tooManyRows(): { message: string; hint: string } {
  return {
    message: `has more than ${LIMITS.traceRows} points, the limit of one trace`,
    hint: 'resample it to fewer points (it is held constant between points)',
  };
}

function jsonRows(text: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (!Array.isArray(data)) return { message: 'must be a JSON array of [t, rate] pairs' };
  if (data.length > LIMITS.traceRows) return tooManyRows();
  const rows: Row[] = [];
  for (const [i, entry] of data.entries()) {
    const where = `entry ${i}`;
    if (!Array.isArray(entry) || entry.length !== 2)
      return { message: `${where}: expected [t, rate]` };
    const [t, rate] = entry as unknown[];
    rows.push({
      where,
      t: typeof t === 'number' ? t : NaN,
      rate: typeof rate === 'number' ? rate : NaN,
    });
  }
  return rows;
}
