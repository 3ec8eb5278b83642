/**
 * The tests mutation testing runs (`npm run mutation`): the unit tests of src/core and the app's
 * tests in-process. Left out: tests of real external parts (workerd, s3rver, Chromium, worker
 * threads, child processes), the data pipeline, the layout sweeps over every département, and the
 * whole-factsheet render tests, which render
 * in their set-up hooks: code run there counts as run by every test, so each of its mutants would
 * rerun the whole set.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/core/*.test.ts', 'test/app/*.test.ts'],
    exclude: ['test/app/renderer-threads.test.ts', 'test/app/real-renderer.test.ts', 'test/core/layouts.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
