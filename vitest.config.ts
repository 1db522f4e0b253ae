import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The scripted-cluster fault tests (tests/cluster) start PostgreSQL servers, Haven processes and
 * HAProxy; they run on their own with `npm run test:cluster` (vitest.cluster.config.ts), which
 * .ci/run runs after `npm test`.
 */
export const CLUSTER_TESTS = 'tests/cluster/**/*.test.ts';

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    include: [
      'app/**/*.test.{ts,tsx}',
      'db/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/**/*.test.{ts,tsx}',
    ],
    exclude: [...configDefaults.exclude, CLUSTER_TESTS],
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['tests/helpers/worker-watchdog.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
