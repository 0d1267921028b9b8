// unfilledCaptures: shared captured variables that never got a value; a flow step's capture is
// its instance's own (flows count abandoned instances) and is never one of them.
import { describe, expect, it } from 'vitest';
import { unfilledCaptures } from '../../src/analysis/unfilled-captures.js';
import { makeRunRecord } from './fixtures/make-run-record.js';

const profile = {
  name: 'captures',
  requests: [
    { name: 'create', capture: { noteId: '$.id' } },
    { name: 'read' },
    { name: 'user.login', capture: { token: '$.token' }, flow: { flow: 'user', stepIndex: 0 } },
  ],
};

describe('unfilledCaptures', () => {
  it('lists a shared capture that matched nothing, never a flow step capture', () => {
    const record = makeRunRecord({
      kind: 'run',
      profile,
      captures: { noteId: { matched: 0, missed: 12 } },
    });
    expect(unfilledCaptures(record)).toEqual([
      { name: 'noteId', request: 'create', path: '$.id', missed: 12 },
    ]);
  });

  it('lists none once the shared capture matched', () => {
    const record = makeRunRecord({
      kind: 'run',
      profile,
      captures: { noteId: { matched: 3, missed: 12 } },
    });
    expect(unfilledCaptures(record)).toEqual([]);
  });

  it('a run whose only captures are a flow step: none, though it counted no captures', () => {
    const flowOnly = { name: 'flow', requests: [profile.requests[2]] };
    expect(unfilledCaptures(makeRunRecord({ kind: 'run', profile: flowOnly }))).toEqual([]);
  });
});
