import { defineConfig } from 'vitest/config';

// Load, end-to-end and model tests share two cores with the servers they start, so test files run
// one at a time (DESIGN.md, "Tests on two cores"); tests inside a file may still be concurrent.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
