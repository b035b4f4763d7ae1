/** Options after the bench name: `--name value` or `--name=value`. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  const a = args[i] ?? ''
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1]
}

/** A positive integer option, or `fallback` when absent. */
export function intOption(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`)
  return n
}
