// End-to-end journeys in headless Chromium against the real server (see test/e2e/support/server.ts).
import { defineConfig } from 'vitest/config';

// CI collects every suite's totals from JSON reports in VITEST_JSON_DIR (.ci/run).
const jsonOutput = process.env.VITEST_JSON_DIR ? `${process.env.VITEST_JSON_DIR}/e2e.json` : undefined;

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: jsonOutput ? ['default', ['json', { outputFile: jsonOutput }]] : ['default'],
  },
});
