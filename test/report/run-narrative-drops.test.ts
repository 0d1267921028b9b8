/** runNarrative on drops and aborts: each reason in its own sentence, with its count. */
import { describe, expect, it } from 'vitest';
import { runNarrative } from '../../src/report/run-narrative.js';
import { makeRunRecord } from '../analysis/fixtures/make-run-record.js';

describe('runNarrative, drops and aborts', () => {
  it('says how many were dropped at the in-flight cap, how many for lateness, and how many were aborted', () => {
    const record = makeRunRecord();
    record.totals = {
      ...record.totals,
      dropped: 1500,
      droppedBy: { inFlight: 500, late: 1000 },
      aborted: 7,
    };
    const text = runNarrative(record).join('\n');
    expect(text).toContain('500 arrivals were dropped by the generator because too many requests');
    expect(text).toContain(
      '1,000 arrivals were dropped because the generator could not send them within maxLateness',
    );
    expect(text).toContain('7 requests were still in flight when the drain grace ended');
  });

  it('reads a record without droppedBy as in-flight drops', () => {
    const record = makeRunRecord();
    record.totals = { ...record.totals, dropped: 3 };
    delete record.totals.droppedBy;
    const text = runNarrative(record).join('\n');
    expect(text).toContain('3 arrivals were dropped by the generator because too many requests');
    expect(text).not.toContain('maxLateness');
  });
});
