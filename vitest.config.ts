import { defineConfig } from 'vitest/config';

// Integration tests run on PGlite always, and once more on PostgreSQL when TEST_DATABASE_URL is set.
const onPostgres = !!process.env.TEST_DATABASE_URL;
const shared = { include: ['src/**/*.test.ts', 'bench/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 120_000 };
// CI collects every suite's totals from JSON reports in VITEST_JSON_DIR (.ci/run).
const json = process.env.VITEST_JSON_DIR ? `${process.env.VITEST_JSON_DIR}/unit.json` : undefined;

export default defineConfig({
  test: {
    globalSetup: ['src/server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
    projects: [
      { extends: true, test: { ...shared, name: 'pglite', env: { IOC_TEST_DB: 'pglite' } } },
      ...(onPostgres ? [{ extends: true as const, test: { ...shared, name: 'postgres', env: { IOC_TEST_DB: 'postgres' } } }] : []),
    ],
  },
});
