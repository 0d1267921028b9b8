// The profiles shipped in profiles/ parse without issues and have the shapes their comments promise.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { finalRatePerSec } from '../../src/profile/normalize-phases.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import type { Phase, Profile } from '../../src/profile/types.js';

const load = (name: string) => loadProfile(`profiles/${name}.yaml`, { env: {} });
const totalMs = (profile: Profile) =>
  profile.load.phases.reduce((sum, phase) => sum + phase.durationMs, 0);
const peakPerSec = (phases: Phase[]) =>
  Math.max(
    ...phases.map((p) =>
      p.kind === 'pulses' ? p.ratePerSec : p.kind === 'wave' ? 0 : finalRatePerSec(p),
    ),
  );

describe('shipped profiles', () => {
  const names = readdirSync('profiles')
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''));

  test('include needlepoint, pulses, steady-state and ci-smoke', () => {
    expect(names).toEqual(
      expect.arrayContaining(['needlepoint', 'pulses', 'steady-state', 'ci-smoke']),
    );
  });

  const noteProfiles = names.filter((name) => name !== 'durable-orders');

  test('durable-orders: one durable request, followed by status polls, on a modelled workflow', () => {
    const profile = load('durable-orders');
    expect(profile.gates.length).toBeGreaterThan(0);
    expect(profile.requests.map((r) => r.durable?.function)).toEqual(['order-workflow']);
    expect(profile.requests[0].durable?.poll).toMatchObject({ mode: 'status', everyMs: 1000 });
    expect(Object.keys(profile.model?.durable ?? {})).toEqual(['order-workflow']);
    expect(totalMs(profile)).toBeLessThanOrEqual(60_000);
  });

  test.each(noteProfiles)('%s parses without issues, with gates and a captured note id', (name) => {
    const profile = load(name);
    expect(profile.name).toBe(name);
    expect(profile.gates.length).toBeGreaterThan(0);
    const readers = profile.requests.filter((request) => request.path.vars.includes('noteId'));
    expect(readers.length).toBeGreaterThan(0);
    for (const request of readers)
      if (request.flow)
        expect(request.producer).toBeUndefined(); // a flow's own variable
      else expect(request.producer).toBe('createNote');
  });

  test('flow: one flow, create -> read -> update -> encrypt -> decrypt -> delete, every step checked', () => {
    const profile = load('flow');
    expect(profile.flows.map((f) => f.name)).toEqual(['note-lifecycle']);
    const steps = profile.flows[0].steps.map((i) => profile.requests[i]);
    expect(steps.map((s) => s.flow?.step)).toEqual([
      'create',
      'read',
      'update',
      'encrypt',
      'decrypt',
      'delete',
    ]);
    for (const step of steps) expect(step.expect?.status).toBeDefined();
  });

  test('needlepoint: 2 -> 1,500 req/s within 30 s, back down, 2-3 minutes', () => {
    const profile = load('needlepoint');
    const ramp = profile.load.phases.find((phase) => phase.kind === 'ramp');
    expect(ramp).toMatchObject({ fromPerSec: 2, toPerSec: 1500 });
    expect(ramp!.durationMs).toBeLessThanOrEqual(30_000);
    expect(finalRatePerSec(profile.load.phases.at(-1)!)).toBe(2);
    expect(totalMs(profile)).toBeGreaterThanOrEqual(120_000);
    expect(totalMs(profile)).toBeLessThanOrEqual(180_000);
    // The p99 gate holds only if the slow summarize route stays well under 1% of requests.
    const total = profile.requests.reduce((sum, request) => sum + request.weight, 0);
    const summarize = profile.requests.filter((request) =>
      request.path.source.endsWith('/summarize'),
    );
    expect(summarize.reduce((sum, request) => sum + request.weight, 0) / total).toBeLessThan(0.01);
  });

  test('pulses: 1,000 req/s for 1 s every 10 s over about 5 req/s, about a minute', () => {
    const profile = load('pulses');
    expect(profile.load.phases).toEqual([
      {
        kind: 'pulses',
        durationMs: 60_000,
        everyMs: 10_000,
        widthMs: 1_000,
        ratePerSec: 1000,
        basePerSec: 5,
      },
    ]);
  });

  test('steady-state: 90 minutes of wave around 300 req/s on LMI', () => {
    const profile = load('steady-state');
    expect(profile.platform).toBe('lmi');
    expect(profile.load.phases).toEqual([
      {
        kind: 'wave',
        durationMs: 5_400_000,
        meanPerSec: 300,
        peakToMean: 2,
        periodMs: 1_800_000,
        trendPerHour: 0.2,
        noise: 0.05,
      },
    ]);
  });

  test('trace-replay: reads its trace relative to the profile, scaled', () => {
    const [phase] = load('trace-replay').load.phases;
    expect(phase).toMatchObject({
      kind: 'trace',
      source: 'traces/sample.csv',
      durationMs: 180_000,
    });
    if (phase.kind !== 'trace') return;
    expect(phase.points[0]).toEqual([0, 30]); // 20 req/s recorded × rateScale 1.5
  });

  test('ci-smoke: under a minute at about 50 req/s, no slow route', () => {
    const profile = load('ci-smoke');
    expect(totalMs(profile)).toBeLessThan(60_000);
    expect(peakPerSec(profile.load.phases)).toBe(50);
    expect(profile.requests.some((request) => request.path.source.includes('summarize'))).toBe(
      false,
    );
  });
});
