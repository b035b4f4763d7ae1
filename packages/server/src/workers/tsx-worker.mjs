// The entry of a worker thread started from the TypeScript sources (tests, `tsx`, the benchmarks):
// a worker does not inherit the parent's module hooks, so it registers tsx itself, then imports
// the real entry (`workerData.entry`, a .ts file URL). The built server (dist) never uses this file:
// it starts the compiled .js entry directly. See worker-entry.ts.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
