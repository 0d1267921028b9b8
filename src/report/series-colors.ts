/**
 * SERIES_COLORS: one colour per meaning, used by every chart of the HTML report (and matching
 * the terminal's styles): ok green, other 4xx amber, 429 orange, 5xx and transport errors red.
 * A meaning keeps its colour in every chart it appears in. Pure data.
 */

/** What a drawn series means; its colour follows from this alone. */
export type SeriesMeaning =
  | 'target'
  | 'sent'
  | 'ok'
  | '4xx'
  | '429'
  | 'errors'
  | 'dropped'
  | 'p50'
  | 'p90'
  | 'p95'
  | 'p99'
  | 'concurrency'
  | 'inFlight'
  | 'instances'
  | 'cpu'
  | 'cost'
  | 'lmiCost'
  | 'lambdaCost'
  | 'scenario';

export const SERIES_COLORS: Record<SeriesMeaning, string> = {
  target: '#6b7280',
  sent: '#2563eb',
  ok: '#16a34a',
  '4xx': '#d97706',
  '429': '#ea580c',
  errors: '#dc2626',
  dropped: '#7f1d1d',
  p50: '#93c5fd',
  p90: '#3b82f6',
  p95: '#1d4ed8',
  p99: '#1e3a8a',
  concurrency: '#7c3aed',
  inFlight: '#a855f7',
  instances: '#0891b2',
  cpu: '#0d9488',
  cost: '#374151',
  lmiCost: '#0e7490',
  lambdaCost: '#4f46e5',
  scenario: '#be185d',
};
