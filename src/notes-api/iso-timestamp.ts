/**
 * isoTimestamp: a formatter equal to `new Date(ms).toISOString()` for whole-ms times (fractions
 * are floored), cheap when called with non-decreasing times (simulate's hot path): the
 * `YYYY-MM-DDTHH:MM:SS.` part is formatted once a second and the milliseconds come from a table.
 * Each formatter keeps its own cache: not thread-safe, one a user.
 */

/** `000Z` ... `999Z`. */
const MILLIS = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);

/** isoTimestamp returns a new formatter; it throws RangeError for a time Date cannot hold. */
export function isoTimestamp(): (ms: number) => string {
  let lastMs = Number.NaN;
  let last = '';
  let lastSecond = Number.NaN;
  let prefix = '';
  return (nowMs) => {
    const ms = Math.floor(nowMs);
    if (ms === lastMs) return last;
    const second = Math.floor(ms / 1000);
    if (second !== lastSecond) {
      const full = new Date(second * 1000).toISOString();
      // Years past 9999 or before 0 are longer than 24 characters: no table for them.
      if (full.length !== 24) return new Date(ms).toISOString();
      lastSecond = second;
      prefix = full.slice(0, 20);
    }
    lastMs = ms;
    last = prefix + MILLIS[ms - second * 1000];
    return last;
  };
}

/** First and last ms of years 0000-9999, whose ISO text has 24 characters (others 27: ±YYYYYY). */
const FOUR_DIGIT_YEARS_MS = [-62_167_219_200_000, 253_402_300_799_999] as const;

/** isoLength is `new Date(ms).toISOString().length` for a whole ms a Date holds, without the text. */
export function isoLength(ms: number): number {
  return ms >= FOUR_DIGIT_YEARS_MS[0] && ms <= FOUR_DIGIT_YEARS_MS[1] ? 24 : 27;
}
