/**
 * comparisonWarnings: why a comparison of two records may mislead, one sentence each: a record
 * that did not complete (`incomplete`, `aborted`, `failed`, `running`); records of different
 * profiles (by name), whose deltas compare different traffic; and each way the two were priced
 * differently (price table, Savings Plans, front door, free tier, architecture), whose cost
 * deltas then move on identical traffic. Pure.
 */
import type { Cost, RunRecord } from '../record/run-record.js';
import { appliedSavingsPlans } from './savings-plans.js';

export function comparisonWarnings(a: RunRecord, b: RunRecord): string[] {
  const warnings: string[] = [];
  for (const [side, r] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (r.status !== 'completed')
      warnings.push(
        `run ${side} (${r.runId}) is ${r.status}${r.statusReason ? `: ${r.statusReason}` : ''}; its numbers cover only part of the profile`,
      );
  }
  const name = (r: RunRecord) => (typeof r.profile.name === 'string' ? r.profile.name : '?');
  if (name(a) !== name(b))
    warnings.push(
      `the runs are of different profiles (A: ${name(a)}, B: ${name(b)}); the deltas compare different traffic`,
    );
  if (a.cost && b.cost) warnings.push(...pricingWarnings(a.cost, b.cost));
  return warnings;
}

/** How a cost analysis was priced, one entry a difference that moves its figures. */
const PRICING: Array<[what: string, read: (c: Cost) => string | undefined]> = [
  [
    'price tables',
    (c) => `${c.prices.date}${c.prices.region ? ` ${c.prices.region}` : ''}, ${c.prices.source}`,
  ],
  [
    'Savings Plans',
    (c) => {
      const p = appliedSavingsPlans(c);
      return p ? `EC2 ${percent(p.ec2)}, Lambda ${percent(p.lambda)}` : undefined;
    },
  ],
  [
    'front doors',
    (c) => c.options?.frontDoor ?? (c.frontDoor === undefined ? 'none' : c.frontDoor),
  ],
  ['free tier settings', (c) => c.options && (c.options.freeTier ? 'applied' : 'not applied')],
  ['Lambda architectures', (c) => scenarioArchitecture(c, (n) => n === 'lambda on-demand')],
  ['instance types', (c) => scenarioArchitecture(c, (n) => n.startsWith('fixed fleet for peak'))],
];

/** One warning per pricing difference; a side that did not record it is not compared. */
function pricingWarnings(a: Cost, b: Cost): string[] {
  const warnings: string[] = [];
  for (const [what, read] of PRICING) {
    const [va, vb] = [read(a), read(b)];
    if (va !== undefined && vb !== undefined && va !== vb)
      warnings.push(
        `the runs were priced with different ${what} (A: ${va}; B: ${vb}); cost deltas reflect the pricing, not only the traffic`,
      );
  }
  return warnings;
}

function scenarioArchitecture(c: Cost, pick: (name: string) => boolean): string | undefined {
  return c.scenarios.find((s) => pick(s.name))?.inputs?.architecture;
}

function percent(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}
