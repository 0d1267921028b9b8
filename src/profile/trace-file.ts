/**
 * Reads a rate trace: CSV with header `t,rate` (seconds from start, requests per second) or a
 * JSON array of `[t, rate]`. Times must increase; rates must be >= 0. Reading goes through the
 * injected `readFile`, so this file itself does no I/O.
 */

/** Trace points as written: seconds and requests per second. */
export type TracePoints = Array<[tSec: number, ratePerSec: number]>;

/** The points, or what is wrong with the file (one message, naming the line or entry). */
export type TraceResult =
  { ok: true; points: TracePoints } | { ok: false; message: string; hint?: string };

/** Parses trace text; `fileName` picks JSON (`*.json`) or CSV and appears in messages. */
export function parseTrace(text: string, fileName: string): TraceResult {
  const rows = fileName.toLowerCase().endsWith('.json') ? jsonRows(text) : csvRows(text);
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

function csvRows(text: string): Rows {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: line.trim(), number: i + 1 }));
  const content = lines.filter(({ line }) => line !== '' && !line.startsWith('#'));
  const header = content.shift();
  if (!header || header.line.replace(/\s/g, '') !== 't,rate') {
    return {
      message: 'the first line must be the header t,rate',
      hint: 'seconds from start, requests per second',
    };
  }
  const rows: Row[] = [];
  for (const { line, number } of content) {
    const cells = line.split(',').map((cell) => cell.trim());
    const where = `line ${number}`;
    if (cells.length !== 2 || cells.some((cell) => cell === ''))
      return { message: `${where}: expected t,rate` };
    rows.push({ where, t: Number(cells[0]), rate: Number(cells[1]) });
  }
  return rows;
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
