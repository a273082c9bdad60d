import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Plain Vitest in Node, without a DOM: jsdom/happy-dom (needed by Angular's own unit-test
// builder) are not installed. Specs cover pure functions and services through Angular DI
// (JIT-compiled, see src/test-setup.ts); rendering is checked in a real browser instead.
export default defineConfig({
  // From source, as the Angular build resolves it (tsconfig paths); its dist may not be built.
  resolve: {
    alias: { '@hookport/client': resolve(import.meta.dirname, '../libs/client/src/index.ts') },
  },
  test: {
    name: 'portal-ui',
    include: ['src/**/*.spec.ts'],
    exclude: ['src/**/*.e2e.spec.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    // Before the chaos project of the workspace, with the others.
    sequence: { groupOrder: 0 },
  },
});
