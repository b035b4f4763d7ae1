/**
 * Where a worker thread's entry module is, from the module that starts it: the compiled `.js`
 * next to it in `dist`, or — when running from the TypeScript sources (vitest, tsx) — the `.ts`
 * file started through tsx-worker.mjs, which registers tsx in the worker first (module hooks are
 * per thread in Node 20), with the `lianfang-source` condition so that workspace packages resolve
 * to their `src/index.ts` as well.
 */
import type { WorkerOptions } from 'node:worker_threads'

export interface WorkerEntry {
  readonly filename: URL
  readonly options: WorkerOptions
}

/**
 * The entry `name` (without extension, e.g. `'./poster-worker'`) relative to `base` (the caller's
 * `import.meta.url`).
 */
export function workerEntry(name: string, base: string): WorkerEntry {
  if (base.endsWith('.ts'))
    return {
      filename: new URL('./tsx-worker.mjs', import.meta.url),
      options: {
        workerData: { entry: new URL(`${name}.ts`, base).href },
        // Workspace packages (`@lianfang/pdf`, `@lianfang/core`) from their sources too, not a
        // stale or missing dist: the `lianfang-source` export condition, as `npm run db:types` uses.
        execArgv: [...process.execArgv, '--conditions=lianfang-source'],
      },
    }
  return { filename: new URL(`${name}.js`, base), options: {} }
}
