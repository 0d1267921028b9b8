// RunLog: run's messages go to stderr, or through the live view while it draws (a failed
// credential refresh printed mid-run must not land inside the live line).
import { describe, expect, it } from 'vitest';
import { RunLog } from '../../../src/cli/run/run-log.js';
import { fakeCliContext } from '../../helpers/fake-cli-context.js';

describe('RunLog', () => {
  it('writes to stderr, through a route while one is set, and nothing with --quiet', () => {
    const fake = fakeCliContext();
    const log = new RunLog(fake.ctx, false);
    log.print('before');
    const routed: string[] = [];
    const unroute = log.routeThrough((line) => routed.push(line));
    log.print('warning: credential refresh failed');
    unroute();
    log.print('after');
    expect(routed).toEqual(['warning: credential refresh failed']);
    expect(fake.err()).toBe('before\nafter\n');

    const quiet = fakeCliContext();
    new RunLog(quiet.ctx, true).print('hidden');
    expect(quiet.err()).toBe('');
  });

  it('an old route removed late does not remove a newer one', () => {
    const { ctx } = fakeCliContext();
    const log = new RunLog(ctx, false);
    const first: string[] = [];
    const second: string[] = [];
    const unrouteFirst = log.routeThrough((line) => first.push(line));
    log.routeThrough((line) => second.push(line));
    unrouteFirst();
    log.print('x');
    expect(first).toEqual([]);
    expect(second).toEqual(['x']);
  });
});
