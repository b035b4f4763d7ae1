/** The per-case inputs of the contacts benchmark's baseline, and the baseline itself. */
import { sql } from 'kysely'
import type { Database } from '@lianfang/server'
import { median, timed } from './latency.js'
import { QueryTimer } from './query-timer.js'

/** What the plain scan of one case needs, taken from a first (warm-up) investigation. */
export interface CaseProbe {
  readonly caseId: string
  readonly personId: string
  readonly venueIds: readonly string[]
  /** The co-visit range the service scans: window start − longest dwell − buffer … end + buffer. */
  readonly from: Date
  readonly to: Date
  readonly window: { readonly start: Date; readonly end: Date }
  readonly candidates: number
  /** General contacts (GC.DEF) the investigation counted, not listed. */
  readonly generalContacts: number
  readonly stays: number
}

/** The baseline: a plain range scan of check-ins at the case's venues over the co-visit range. */
export function plainScan(database: Database, p: CaseProbe) {
  return sql<{
    person_id: string | null
    venue_id: string
    checked_in_at: Date
    checked_out_at: Date | null
  }>`select person_id, venue_id, checked_in_at, checked_out_at from checkins
      where venue_id = any(${p.venueIds}::bigint[]) and checked_in_at >= ${p.from} and checked_in_at <= ${p.to}`.execute(
    database.db,
  )
}

export interface StatementTime {
  readonly statement: string
  /** Statements of this kind per case, on average. */
  readonly perCase: number
  readonly meanMs: number
  readonly p50Ms: number
  readonly maxMs: number
}

/**
 * One pass over the cases with every statement timed (QueryTimer on a wrapped database handed to
 * `make`), and the rest of each call (JS, BEGIN/COMMIT) as the difference to its wall time.
 */
export async function statementProfile(
  database: Database,
  probes: readonly CaseProbe[],
  make: (instrumented: Database) => (caseId: string) => Promise<unknown>,
): Promise<StatementTime[]> {
  const timer = new QueryTimer()
  const open = make({ ...database, db: database.db.withPlugin(timer) })
  const perLabel = new Map<string, number[]>()
  const counts = new Map<string, number>()
  const other: number[] = []
  for (const p of probes) {
    timer.reset()
    const [ms] = await timed(() => open(p.caseId))
    let sum = 0
    for (const [label, t] of timer.reset()) {
      sum += t.ms
      const list = perLabel.get(label) ?? []
      list.push(t.ms)
      perLabel.set(label, list)
      counts.set(label, (counts.get(label) ?? 0) + t.n)
    }
    other.push(ms - sum)
  }
  const r2 = (v: number) => Math.round(v * 100) / 100
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / probes.length
  const row = (statement: string, xs: readonly number[], n: number): StatementTime => ({
    statement,
    perCase: Math.round((n / probes.length) * 10) / 10,
    meanMs: r2(mean(xs)),
    p50Ms: r2(median(xs)),
    maxMs: r2(Math.max(...xs)),
  })
  const rows = [...perLabel.entries()]
    .map(([label, xs]) => row(label, xs, counts.get(label) ?? 0))
    .sort((a, b) => b.meanMs - a.meanMs)
  rows.push(
    row(
      'rest: wall time less the statements (JS, BEGIN/COMMIT; less than 0 when statements run in parallel)',
      other,
      probes.length,
    ),
  )
  return rows
}

export function logProfile(rows: readonly StatementTime[], log: (m: string) => void): void {
  for (const s of rows)
    log(
      `  ${s.meanMs.toFixed(2).padStart(8)} ms  p50 ${s.p50Ms.toFixed(2).padStart(7)}  max ${s.maxMs.toFixed(1).padStart(7)}  ×${s.perCase}  ${s.statement}`,
    )
}
