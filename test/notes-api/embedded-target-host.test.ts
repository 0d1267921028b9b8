// Needs `npm run build` (the child process runs dist/notes-api/embedded-target-child.js).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/errors.js';
import { childEntryPath, startEmbeddedTarget } from '../../src/notes-api/embedded-target-host.js';

describe('startEmbeddedTarget', () => {
  it('maps the TypeScript module to the compiled child entry', () => {
    expect(childEntryPath('file:///repo/src/notes-api/embedded-target-host.ts')).toBe(
      '/repo/dist/notes-api/embedded-target-child.js',
    );
    expect(childEntryPath('file:///pkg/dist/notes-api/embedded-target-host.js')).toBe(
      '/pkg/dist/notes-api/embedded-target-child.js',
    );
    // The bundle (scripts/bundle.mjs): the host's code lands in a shared chunk.
    expect(childEntryPath('file:///pkg/dist/bundle/chunks/chunk-ABC.js')).toBe(
      '/pkg/dist/bundle/notes-api/embedded-target-child.js',
    );
    expect(existsSync(childEntryPath()), 'run `npm run build` first').toBe(true);
  });

  it('serves the notes API from a child process and reports the model series and parameters', async () => {
    const target = await startEmbeddedTarget({
      platform: 'lmi',
      seed: 3,
      modelBlock: { routes: { create: { serviceTime: '5ms' } } },
    });
    try {
      expect(target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${target.url}/notes`, {
          method: 'POST',
          body: JSON.stringify({ title: 't' }),
        });
        expect(res.status).toBe(201);
      }
      await new Promise((r) => setTimeout(r, 1100));
      const series = await target.platformSeries();
      const invocations = series.find(
        (s) => s.name === 'lambda.invocations' && s.labels.function === 'notes-create',
      );
      expect(invocations?.points.reduce((a, [, v]) => a + v, 0)).toBe(5);
      expect(
        series.some((s) => s.name === 'lmi.instances' && s.labels.capacityProvider === 'notes-lmi'),
      ).toBe(true);
      expect(series.every((s) => s.source === 'model' && s.periodSec === 1)).toBe(true);
      const params = await target.modelParameters();
      expect(params['lmi.targetCpu']).toEqual({
        value: 0.4,
        source: expect.stringContaining('assumed'),
      });
      expect(params.platform).toEqual({ value: 'lmi', source: 'command line' });
      const cpu = await target.cpuUsage();
      expect(cpu.userMs).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    await expect(fetch(`${target.url}/notes`)).rejects.toThrow();
    await target.stop();
  });

  it('rejects bad model parameters with a ProfileError naming model.* paths', async () => {
    const error = await startEmbeddedTarget({
      platform: 'lmi',
      modelBlock: { lmi: { instanceType: 'x9.huge', targetCpu: -1 } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).issues.map((i) => i.path).sort()).toEqual([
      'model.lmi.targetCpu',
    ]);
  });
});
