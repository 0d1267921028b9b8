import { describe, expect, test } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { checkProfileGates, commandLineGates } from '../../src/profile/gate-references.js';
import { parseProfile } from '../../src/profile/parse-profile.js';

const profile = parseProfile(
  `
requests:
  - { name: getNote, path: /notes/1 }
  - name: order
    durable: { function: orders }
flows:
  - name: checkout
    steps:
      - { name: cart, path: /cart, expect: { status: 200 } }
load:
  phases: [{ rate: 10, duration: 5s }]
gates: ["lambda.throttles{function=notes-reed} == 0"]
`,
  'test.yaml',
  { baseDir: '.' },
);

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return (error as ProfileError).issues.map((i) => `${i.message} (${i.hint})`);
  }
  return [];
}

describe('commandLineGates', () => {
  test('refuses a checks.failure_rate gate on what has no expect: checks', () => {
    // getNote has none; neither has any request of a profile without expect:.
    expect(
      issuesOf(() => commandLineGates(profile, ['checks.failure_rate{request=getNote} == 0'])),
    ).toEqual([
      'request "getNote" has no expect: checks, so "checks.failure_rate{request=getNote} == 0" could never be judged (add expect: to the request (or a step of the flow), or drop the gate)',
    ]);
    const unchecked = parseProfile(
      'requests: [ { name: a, path: /a } ]\nflows: [ { name: f, steps: [ { name: s, path: /s } ] } ]\nload: { phases: [ { rate: 1, duration: 1s } ] }\n',
      'test.yaml',
      { baseDir: '.' },
    );
    expect(issuesOf(() => commandLineGates(unchecked, ['checks.failure_rate == 0']))[0]).toMatch(
      /^no request of the profile has expect: checks/,
    );
    expect(
      issuesOf(() => commandLineGates(unchecked, ['checks.failure_rate{flow=f} < 1%']))[0],
    ).toMatch(/^no step of flow "f" has expect: checks/);
    expect(commandLineGates(profile, ['checks.failure_rate < 1%'])).toHaveLength(1);
    expect(
      issuesOf(() => commandLineGates(unchecked, ['flows.abandoned_rate{flow=g} == 0']))[0],
    ).toMatch(/^no flow is named "g"/);
    const flowless = parseProfile(
      'requests: [ { name: a, path: /a } ]\nload: { phases: [ { rate: 1, duration: 1s } ] }\n',
      'test.yaml',
      { baseDir: '.' },
    );
    expect(issuesOf(() => commandLineGates(flowless, ['flows.abandoned_rate == 0']))[0]).toMatch(
      /^the profile has no flows, so "flows.abandoned_rate == 0" could never be judged/,
    );
  });

  test('accepts labels naming what the profile has', () => {
    const gates = commandLineGates(profile, [
      'http.p99{request=getNote} < 300ms',
      'checks.failure_rate{flow=checkout} == 0',
      'http.error_rate{request=checkout.cart} < 1%',
      'durable.running{request=order} == 0',
    ]);
    expect(gates.map((g) => g.labels)).toEqual([
      { request: 'getNote' },
      { flow: 'checkout' },
      { request: 'checkout.cart' },
      { request: 'order' },
    ]);
  });

  test('refuses, all at once, labels naming what the run cannot have', () => {
    expect(
      issuesOf(() =>
        commandLineGates(
          profile,
          [
            'http.p99{request=getNotes} < 300ms',
            'checks.failure_rate{flow=chekout} == 0',
            'durable.running{request=getNote} == 0',
            'lambda.throttles{function=notes-reed} == 0',
          ],
          { functions: ['notes-read', 'orders'] },
        ),
      ),
    ).toEqual([
      'no request is named "getNotes" in "http.p99{request=getNotes} < 300ms" (did you mean `getNote`?)',
      'no flow is named "chekout" in "checks.failure_rate{flow=chekout} == 0" (flows: checkout)',
      '"getNote" is not a durable request, in "durable.running{request=getNote} == 0" (durable requests: order)',
      'the run has no function "notes-reed" in "lambda.throttles{function=notes-reed} == 0" (did you mean `notes-read`?)',
    ]);
  });

  test('refuses a durable.* gate for a profile without durable requests', () => {
    const plain = parseProfile(
      'requests: [{ name: a, path: /a }]\nload: { phases: [{ rate: 1, duration: 1s }] }\n',
      'plain.yaml',
      { baseDir: '.' },
    );
    expect(issuesOf(() => commandLineGates(plain, ['durable.success_rate > 99%']))).toEqual([
      'the profile has no durable requests, so "durable.success_rate > 99%" could never be judged (add a request with durable:, or drop the gate)',
    ]);
  });

  // On --platform lmi the model has one capacity provider and one instance type; a gate naming
  // another was judged unknown after the run ("was not collected").
  test('refuses lmi.* labels naming what the model lacks, listing what it has', () => {
    const lmi = { capacityProviders: ['notes-lmi'], instanceTypes: ['m7g.xlarge'] };
    expect(
      issuesOf(() =>
        commandLineGates(
          profile,
          [
            'lmi.cpu_utilization.max{capacityProvider=typo} < 90%',
            'lmi.instances.max{instanceType=m7g.large} < 10',
            'lmi.instances.max{capacityProvider=notes-lmi,instanceType=m7g.xlarge} < 10',
          ],
          { functions: ['notes-read'], lmi },
        ),
      ),
    ).toEqual([
      `{capacityProvider=typo} matches none of the run's capacity providers in "lmi.cpu_utilization.max{capacityProvider=typo} < 90%" (capacity providers: notes-lmi (model.lmi.capacityProvider sets it))`,
      `{instanceType=m7g.large} matches none of the run's instance types in "lmi.instances.max{instanceType=m7g.large} < 10" (instance types: m7g.xlarge (model.lmi.instanceType or --instance-type sets it))`,
    ]);
    // Without LMI names (a real target, or an on-demand model) the labels are not checked.
    expect(
      commandLineGates(profile, ['lmi.instances.max{capacityProvider=prod} < 10'], {
        functions: ['notes-read'],
      }),
    ).toHaveLength(1);
  });

  test('leaves function names alone when the run does not know its functions', () => {
    expect(commandLineGates(profile, ['lambda.errors{function=anything} == 0'])).toHaveLength(1);
  });
});

describe('checkProfileGates', () => {
  test("checks the profile's gates against the run's functions, naming the profile", () => {
    let error: unknown;
    try {
      checkProfileGates(profile, { functions: ['notes-read'] });
    } catch (caught) {
      error = caught;
    }
    expect((error as ProfileError).source).toBe('test.yaml');
    expect((error as ProfileError).issues[0].path).toBe('gates[0]');
    expect(checkProfileGates(profile, { functions: ['notes-reed'] })).toHaveLength(1);
  });
});
