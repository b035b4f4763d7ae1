import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Browser tests: one server and one Chromium at a time, with room for a cold start. */
export default defineConfig({
  // Helpers the tests import at run time (readPdfText) come from the sources, not a stale dist.
  resolve: {
    alias: { '@lianfang/pdf': fileURLToPath(new URL('../packages/pdf/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
  },
})
