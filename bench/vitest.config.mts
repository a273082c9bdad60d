import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.mts';

// Benchmarks run through Vitest only for TypeScript and the workspace aliases: each file is one
// long run that prints its figures. They are never part of `npm test` and assert no timing.
export default mergeConfig(
  { plugins: base.plugins, resolve: base.resolve },
  defineConfig({
    test: {
      include: ['bench/**/*.bench.ts'],
      environment: 'node',
      fileParallelism: false,
      testTimeout: 3_600_000,
      hookTimeout: 600_000,
    },
  }),
);
