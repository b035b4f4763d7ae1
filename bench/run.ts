/**
 * Benchmark harness: `npm run bench -- <name> [--size small|large] [options]` imports
 * `bench/<name>.ts` and runs its `run()`. Progress goes to stderr; the last line on stdout is one
 * JSON object (DESIGN.md "Benchmarks"): the figure, a baseline measured in the same run, their ratio.
 */
import { existsSync } from 'node:fs'
import { register } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

export type BenchSize = 'small' | 'large'

export interface Measure {
  readonly name: string
  readonly value: number
  readonly unit: string
}

export interface BenchResult {
  readonly figure: Measure
  readonly baseline: Measure
  readonly extra?: Record<string, unknown>
}

export interface BenchContext {
  readonly size: BenchSize
  /** Arguments after the name, without --size. */
  readonly args: readonly string[]
  readonly log: (msg: string) => void
}

export interface BenchModule {
  run(context: BenchContext): Promise<BenchResult>
}

function isBenchModule(m: unknown): m is BenchModule {
  return typeof m === 'object' && m !== null && typeof (m as { run?: unknown }).run === 'function'
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name))
    throw new Error('usage: npm run bench -- <name> [--size small|large]')
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  if (!existsSync(file)) throw new Error(`no benchmark named "${name}" (expected ${file})`)
  let size: BenchSize = 'small'
  const args: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? ''
    const value = a === '--size' ? rest[++i] : a.startsWith('--size=') ? a.slice(7) : undefined
    if (value === undefined && a !== '--size') args.push(a)
    else if (value === 'small' || value === 'large') size = value
    else throw new Error(`--size must be small or large, got "${value ?? ''}"`)
  }
  register('./workspace-sources.mjs', import.meta.url)
  const mod: unknown = await import(pathToFileURL(file).href)
  if (!isBenchModule(mod)) throw new Error(`bench/${name}.ts does not export run()`)
  const log = (msg: string) => process.stderr.write(`[${name}] ${msg}\n`)
  const result = await mod.run({ size, args, log })
  const ratio =
    result.baseline.value > 0 ? Math.round((result.figure.value / result.baseline.value) * 1000) / 1000 : null
  process.stdout.write(
    JSON.stringify({
      bench: name,
      figure: result.figure,
      baseline: result.baseline,
      ratio,
      size,
      extra: result.extra ?? {},
    }) + '\n',
  )
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
