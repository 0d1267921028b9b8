/**
 * unfilledCaptures: the shared captured variables (top-level requests', not a flow step's) of a
 * run that never got a value: their path matched none of the 2xx replies of the request that
 * captures them (or that request never had one), so every request reading them ran the producer
 * instead. The gate metric `captures.unfilled` is their count. Pure. Null when the record holds no
 * capture counts although its profile captures (a simulate record), since then nothing is known.
 */
import type { RunRecord } from '../record/run-record.js';

export interface UnfilledCapture {
  name: string;
  /** The request that captures it and the path, from the record's profile. */
  request: string;
  path: string;
  missed: number;
}

export function unfilledCaptures(record: RunRecord): UnfilledCapture[] | null {
  const requests = Array.isArray(record.profile.requests)
    ? (record.profile.requests as Array<{ name?: unknown; capture?: unknown; flow?: unknown }>)
    : [];
  // A flow step's capture fills only its own instance's variable: a flow whose step finds no
  // value is counted in flows[].abandoned, not here.
  const declared = requests.flatMap((r) =>
    r.capture && typeof r.capture === 'object' && r.flow === undefined
      ? Object.entries(r.capture as Record<string, unknown>).map(([name, path]) => ({
          name,
          request: String(r.name),
          path: String(path),
        }))
      : [],
  );
  if (declared.length === 0) return [];
  if (!record.captures)
    return record.kind === 'simulate' ? null : declared.map((d) => ({ ...d, missed: 0 }));
  const counts = record.captures;
  return declared
    .filter((d) => (counts[d.name]?.matched ?? 0) === 0)
    .map((d) => ({ ...d, missed: counts[d.name]?.missed ?? 0 }));
}

/**
 * unfilledCaptureWarnings: the record's warning for each unfilled capture, with the 2xx replies
 * its path missed. Pure; `run` adds them to its record, `merge` recomputes them on the merged one.
 */
export function unfilledCaptureWarnings(record: RunRecord): string[] {
  return (unfilledCaptures(record) ?? []).map(
    (u) =>
      `capture ${u.name} (${u.path} on ${u.request}) never matched (${u.missed} 2xx replies missed); ` +
      `requests that read {{${u.name}}} ran ${u.request} instead`,
  );
}
