/** `npm run test:cluster`: the scripted-cluster fault tests alone, with the main test setup. */
import { defineConfig, mergeConfig } from 'vitest/config';
import base, { CLUSTER_TESTS } from './vitest.config';

export default mergeConfig(
  { ...base, test: { ...base.test, include: [], exclude: [] } },
  defineConfig({ test: { include: [CLUSTER_TESTS], maxWorkers: 1 } }),
);
