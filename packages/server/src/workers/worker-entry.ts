/**
 * Where a worker thread's entry module is, from the module that starts it: the compiled `.js`
 * next to it in `dist`, or — when running from the TypeScript sources (vitest, tsx) — the `.ts`
 * file started through tsx-worker.mjs, which registers tsx in the worker first (module hooks are
 * per thread in Node 20).
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
      options: { workerData: { entry: new URL(`${name}.ts`, base).href } },
    }
  return { filename: new URL(`${name}.js`, base), options: {} }
}
