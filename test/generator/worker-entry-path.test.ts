// Needs `npm run build` (the existence checks read dist/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerEntryPath } from '../../src/generator/coordinator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('workerEntryPath', () => {
  it('finds the worker beside tsc output, the bundle, and from the TypeScript sources', () => {
    expect(workerEntryPath('file:///repo/src/generator/coordinator.ts')).toBe(
      '/repo/dist/generator/worker.js',
    );
    expect(workerEntryPath('file:///pkg/dist/generator/coordinator.js')).toBe(
      '/pkg/dist/generator/worker.js',
    );
    expect(workerEntryPath('file:///pkg/dist/bundle/chunks/run-command-XYZ.js')).toBe(
      '/pkg/dist/bundle/generator/worker.js',
    );
    expect(workerEntryPath('file:///pkg/dist/bundle/cli/main.js')).toBe(
      '/pkg/dist/bundle/generator/worker.js',
    );
  });

  it('names files the build wrote', () => {
    expect(existsSync(workerEntryPath()), 'run `npm run build` first').toBe(true);
    const bundled = pathToFileURL(join(root, 'dist/bundle/chunks/any.js')).href;
    expect(existsSync(workerEntryPath(bundled)), 'run `npm run build` first').toBe(true);
  });
});
