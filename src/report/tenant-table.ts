/**
 * tenantTable: the "Tenants" table of every report (profile `tenants:` only): one row per tenant
 * decile (1 = the most popular 10% of tenant ids) with its ranks, requests, outcomes, latency and,
 * for a model run, the cold starts of its tenants' environments (`lambda.tenant_cold_starts`);
 * tenantCaption says how many tenants were seen and environments created. Pure.
 */
import type { RunRecord } from '../record/run-record.js';
import { formatCount, formatMs } from './format-values.js';
import type { TextTable } from './report-tables.js';

/** tenantTable: undefined when the record has no tenants section. */
export function tenantTable(record: RunRecord): TextTable | undefined {
  const t = record.tenants;
  if (t === undefined) return undefined;
  const cold = seriesSums(record, 'lambda.tenant_cold_starts', 'tenantDecile');
  const hasCold = cold.size > 0;
  return {
    header: [
      'decile',
      'tenants',
      'sent',
      'ok',
      '429',
      'errors',
      'p50',
      'p99',
      ...(hasCold ? ['cold starts'] : []),
    ],
    rows: t.deciles.map((d) => [
      String(d.decile),
      d.lastRank >= d.firstRank ? `${d.firstRank}-${d.lastRank}` : '-',
      formatCount(d.totals.sent),
      formatCount(d.totals.ok),
      formatCount(d.totals.throttled),
      formatCount(d.totals.errors),
      formatMs(d.latencyMs?.p50),
      formatMs(d.latencyMs?.p99),
      ...(hasCold ? [formatCount(cold.get(String(d.decile)) ?? 0)] : []),
    ]),
  };
}

/** tenantCaption: one line under the table. */
export function tenantCaption(record: RunRecord): string {
  const t = record.tenants;
  if (t === undefined) return '';
  const law = t.distribution === 'zipf' ? `zipf s=${t.s ?? ''}` : 'uniform';
  const created = [
    ...seriesSums(record, 'lambda.tenant_environments_created', 'function').values(),
  ];
  const env =
    created.length > 0
      ? `; ${formatCount(created.reduce((a, b) => a + b, 0))} tenant-isolated environments created`
      : '';
  return `${formatCount(t.distinctSeen)} of ${formatCount(t.count)} tenants (${law}) sent requests${env}.`;
}

function seriesSums(record: RunRecord, name: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of record.platform.series) {
    const key = s.labels[label];
    if (s.name !== name || key === undefined) continue;
    out.set(key, (out.get(key) ?? 0) + s.points.reduce((a, [, v]) => a + v, 0));
  }
  return out;
}
