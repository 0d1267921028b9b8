import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that start servers, worker threads, child processes (the built CLI), moto_server or
 * Chromium: the `load` project. They share two cores with what they start, so they run one file at
 * a time (DESIGN.md, "Tests on two cores"); tests inside a file may still be concurrent. A new test
 * file that starts any of these belongs in this list; everything else is a `unit` test.
 */
const LOAD_TESTS = [
  // test/generator's other files (request-slot, request-sender, open-loop, ...) start nothing
  // (fake dispatcher, fake clock): unit tests.
  'test/generator/generator.test.ts',
  'test/generator/stalled-connect.test.ts',
  'test/generator/sigv4-signing.test.ts',
  'test/e2e/**/*.test.ts',
  'test/notes-api/embedded-target-host.test.ts',
  'test/notes-api/notes-server.test.ts',
  'test/notes-api/lambda-invoke.test.ts',
  'test/notes-api/serve-command.test.ts',
  'test/collector/*.moto.test.ts',
  'test/report/html-report.test.ts',
  'test/simulate/simulate-command.test.ts',
  'test/cli/**/*.test.ts',
  'test/profile/limits.test.ts',
  'test/profile/alias-bomb.test.ts',
  'test/notes-api/model-routes.test.ts',
  'test/notes-api/lambda-durable-routes.test.ts',
  'test/e2e/durable-run.test.ts',
  // Loads every lazily imported chunk of dist/bundle (the AWS SDK among them).
  'test/build/bundle.test.ts',
];

// `npm test` (vitest run) runs both projects: `unit` first, its files in parallel, then `load`,
// one file at a time. `npm run test:unit` runs only the fast, pure tests.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // run, simulate and collect price with the table `prices refresh` cached: an empty cache
    // folder of the tests' own, so a developer's refreshed prices cannot change what they expect.
    env: { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'flashcrowd-test-cache-')) },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...LOAD_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'load',
          include: LOAD_TESTS,
          fileParallelism: false,
        },
      },
    ],
  },
});
