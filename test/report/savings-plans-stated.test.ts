/**
 * Savings Plans discounts change every figure they touch, so every report states them next to
 * the cost table: the one-screen terminal summary (in the cost headline), --verbose, report.md and
 * report.html; a run without them says none was applied.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCost } from '../../src/analysis/analyze-cost.js';
import { builtinPrices } from '../../src/pricing/builtin-prices.js';
import { costLines } from '../../src/report/cost-table.js';
import { renderHtml } from '../../src/report/html-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import { makeRunRecord } from '../analysis/fixtures/make-run-record.js';

function discounted() {
  const record = makeRunRecord({ withLmi: true });
  record.cost = analyzeCost(record, builtinPrices['us-east-1'], {
    savingsPlanEc2: 0.3,
    savingsPlanLambda: 0.1,
  });
  return record;
}

describe('Savings Plans in the reports', () => {
  const record = discounted();
  const full =
    'Savings Plans: EC2 30% off instance charges (fixed fleets, the EC2 part of LMI; never the LMI fee); ' +
    'Lambda 10% off duration and provisioned concurrency; requests never discounted.';

  it('are a line under the cost table', () => {
    expect(costLines(record)).toContain(full);
  });

  it('are stated in the terminal summary, --verbose, report.md and report.html', () => {
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    const terminal = flat(renderTerminalSummary(record, { color: false, width: 100 }));
    expect(terminal).toContain('Savings Plans EC2 30%, Lambda 10%');
    const verbose = flat(
      renderTerminalSummary(record, { color: false, width: 100, verbose: true }),
    );
    expect(verbose).toContain(full);
    expect(renderMarkdown(record)).toContain(`- ${full}`);
    expect(renderHtml(record, { css: '', js: '' })).toContain(`<li>${full}</li>`);
  });

  it('say none was applied when none was', () => {
    const plain = makeRunRecord({ withLmi: true });
    plain.cost = analyzeCost(plain, builtinPrices['us-east-1']);
    expect(costLines(plain)).toContain(
      'Savings Plans: none applied (--savings-plan-ec2 F discounts instances, --savings-plan-lambda F Lambda duration).',
    );
    expect(renderTerminalSummary(plain, { color: false, width: 100 })).not.toContain(
      'Savings Plans',
    );
  });
});
