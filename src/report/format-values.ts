/**
 * Number formatting shared by every renderer, so the terminal, Markdown, HTML and JUnit reports
 * print the same figure the same way. Pure.
 */

/** Milliseconds: `12.3 ms` below 10 s, `12.3 s` above; `-` for null. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/**
 * A fraction as a percentage with up to 2 decimals: 0.0123 -> `1.23%`; `-` for null. A share that
 * is not 0 (or 1) never rounds to `0%` (or `100%`): 0.00004 -> `<0.01%`, 0.99996 -> `>99.99%`.
 */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '-';
  const pct = Number((fraction * 100).toFixed(2));
  if (pct === 0 && fraction > 0) return '<0.01%';
  if (pct === 100 && fraction < 1 && fraction > 0.99) return '>99.99%';
  return `${pct}%`;
}

/** A count with thousands separators: 12345 -> `12,345`. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  const rounded = Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n) : Number(n.toFixed(2));
  return rounded.toLocaleString('en-US');
}

/** Dollars with precision that shows small amounts: `$0.000194`, `$1.82`, `$1,234`. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '-';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0';
  if (abs >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toPrecision(3))}`;
}

/** A signed relative change: 0.15 -> `+15%`, Infinity -> `+inf`, null -> `-`. */
export function formatChange(relative: number | null): string {
  if (relative === null) return '-';
  if (!Number.isFinite(relative)) return relative > 0 ? '+inf' : '-inf';
  const pct = Number((relative * 100).toFixed(1));
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

/**
 * formatGateValue: an observed or threshold value in the unit of its gate's metric
 * (rates and utilizations as %, latencies in ms, everything else as a number).
 */
export function formatGateValue(expr: string, value: number | null): string {
  if (value === null) return 'not collected';
  if (/_rate|utilization/.test(expr)) return formatPercent(value);
  if (/(http|durable)\.(p\d+|max|mean)|lateness/.test(expr)) return formatMs(value);
  return formatCount(value);
}
