import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker per core but one: on a 2-core machine, one file at a time, and the browser tests
    // (which mostly wait on Chromium, a separate process) would leave the other core idle. Two at least: the browser
    // files run one after another in one worker while the other projects' files run in the other.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['tests/components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/components/setup.ts'],
          // Above the 5 s a findBy* may wait (setup.ts), so a slow lazy chunk fails as "not found", not as a timeout.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          // Files share the worker's modules (the servers, DuckDB, pg): importing them again per file cost ~65 s of a
          // CI run. Every file starts its own apps and stores; nothing is set at module level (helpers.testEngine()).
          isolate: false,
          // Two engines at once: only in the api-postgres project below.
          exclude: [
            'tests/api/engines.test.ts',
            'tests/api/replicas.test.ts',
            'tests/api/read-replica.test.ts',
            'tests/api/proxy.test.ts',
            'tests/api/imports-undo-postgres.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The contract suite again, on PostgreSQL (a throwaway cluster): the same tests, the same expectations.
        // Left out: what is about the DuckDB file itself (its build, rollup layout, journal, read-only mode).
        // The attacker suite runs on both: what an outside role can recover must not depend on the engine.
        extends: true,
        test: {
          name: 'api-postgres',
          isolate: false,
          include: [
            'tests/api/{access,aggregates,cache,compression,coverage,coverage-exports,disclosure,endpoints,errors,exports-hxl,headers,hotspots,http,imports-careless,imports-hxl,openapi,pathway,pressure,previous-period,route-totals,session}.test.ts',
            'tests/api/attack/*.test.ts',
            'tests/api/engines.test.ts',
            'tests/api/imports-undo.test.ts',
            'tests/api/imports-undo-postgres.test.ts',
            'tests/api/replicas.test.ts',
            'tests/api/read-replica.test.ts',
            'tests/api/proxy.test.ts',
          ],
          environment: 'node',
          env: { ATLAS_TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/support/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
