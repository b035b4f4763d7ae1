import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@lianfang/core': src('core'),
      '@lianfang/contracts': src('contracts'),
      '@lianfang/pdf': src('pdf'),
      '@lianfang/server': src('server'),
    },
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'] },
      },
      // The console's component tests (React Testing Library) run in a simulated DOM.
      {
        extends: true,
        test: {
          name: 'web-dom',
          include: ['packages/web/src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/testing/setup.ts'],
        },
      },
    ],
  },
})
