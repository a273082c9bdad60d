import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Tests import the workspace's libraries from source; services under test run from dist.
const alias = {
  '@hookport/contracts': resolve(root, 'libs/contracts/src/index.ts'),
  '@hookport/platform': resolve(root, 'libs/platform/src/index.ts'),
  '@hookport/testing': resolve(root, 'libs/testing/src/index.ts'),
  '@hookport/client': resolve(root, 'libs/client/src/index.ts'),
};

const plugins = [
  // Nest relies on decorator metadata, which esbuild does not emit.
  swc.vite({
    // The workspace .swcrc builds CommonJS for Node; Vitest needs ES modules.
    swcrc: false,
    module: { type: 'es6' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
  }),
];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    projects: [
      // The portal's own Vitest configuration (Angular under JIT, no DOM).
      'portal-ui/vitest.config.mts',
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          // Every project but chaos runs first, side by side (see the chaos project).
          sequence: { groupOrder: 0 },
          include: ['{libs,services,all-in-one,tools}/**/src/**/*.unit.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          // Every project but chaos runs first, side by side (see the chaos project).
          sequence: { groupOrder: 0 },
          include: ['{libs,services,all-in-one}/**/*.int.spec.ts', 'tests/**/*.int.spec.ts'],
          environment: 'node',
          // Each file starts real processes on real Kafka and Postgres: one file at a time on 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'chaos',
          include: ['tests/**/*.chaos.spec.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 180_000,
          // Restarts the shared Kafka and Postgres: scripts/test.sh runs it alone, after the rest
          // (groupOrder alone still let it overlap other projects' files).
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          // Every project but chaos runs first, side by side (see the chaos project).
          sequence: { groupOrder: 0 },
          include: ['tests/**/*.e2e.spec.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
