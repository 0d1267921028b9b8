/**
 * recomputeChanges: what changed when `collect` recomputed a record's cost and gates after late
 * CloudWatch data: each scenario whose total or basis moved, each gate whose verdict or observed
 * value moved, and the work figures the scenarios are priced from. One sentence a change; an
 * empty list means nothing changed. Pure.
 */
import type { Cost, GateResult } from '../record/run-record.js';

function usd(v: number): string {
  return Math.abs(v) >= 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(8)}`;
}

function costChanges(before: Cost | null, after: Cost | null): string[] {
  if (!before && !after) return [];
  if (!before) return ['cost: computed now (the record had none)'];
  if (!after) return ['cost: could not be recomputed; the old figures were removed'];
  const out: string[] = [];
  for (const key of ['requests', 'gbSeconds', 'vcpuSeconds'] as const) {
    const a = before.work?.[key];
    const b = after.work?.[key];
    if (a !== undefined && b !== undefined && Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a)))
      out.push(`work ${key}: ${Number(a.toPrecision(6))} -> ${Number(b.toPrecision(6))}`);
  }
  for (const s of after.scenarios) {
    const old = before.scenarios.find((x) => x.name === s.name);
    if (!old) {
      out.push(`cost ${s.name}: new scenario, ${usd(s.totalUsd)}`);
      continue;
    }
    const moved = Math.abs(old.totalUsd - s.totalUsd) > 1e-12;
    const relabelled = (old.basis ?? null) !== (s.basis ?? null);
    if (moved || relabelled)
      out.push(
        `cost ${s.name}: ${usd(old.totalUsd)}${old.basis ? ` (${old.basis})` : ''} -> ${usd(s.totalUsd)}${s.basis ? ` (${s.basis})` : ''}`,
      );
  }
  for (const old of before.scenarios)
    if (!after.scenarios.some((s) => s.name === old.name))
      out.push(`cost ${old.name}: no longer priced`);
  return out;
}

function gateChanges(before: GateResult[], after: GateResult[]): string[] {
  const out: string[] = [];
  for (const g of after) {
    const old = before.find((x) => x.expr === g.expr);
    if (!old) continue;
    if (old.verdict !== g.verdict || old.observed !== g.observed)
      out.push(
        `gate ${g.expr}: ${old.verdict} (${old.observed ?? 'not collected'}) -> ${g.verdict} (${g.observed ?? 'not collected'})`,
      );
  }
  return out;
}

export function recomputeChanges(
  before: { cost: Cost | null; gates: GateResult[] },
  after: { cost: Cost | null; gates: GateResult[] },
): string[] {
  return [...costChanges(before.cost, after.cost), ...gateChanges(before.gates, after.gates)];
}
