import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { computeColour, DomainError, type ColourDecision, type RuleSet } from '@lianfang/core'
import type { HealthCodeStatus } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import { loadHealthFacts } from './facts.repository.js'
import { resolveRuleSets } from './rule-sets.repository.js'

type Executor = Kysely<DB> | Transaction<DB>

export interface StoredCode {
  person_id: string
  region_code: string
  subject_id: string
  colour: string
  reasons: unknown
  actions: unknown
  valid_until: Date
  rule_set_version: string
  status_index: number
  computed_at: Date
}

const toJson = (d: ColourDecision) => ({
  reasons: d.reasons.map((r) => ({
    code: r.code,
    colour: r.colour,
    until: r.until?.toISOString() ?? null,
    text: r.text,
  })),
  actions: d.actions.map((a) => ({ code: a.code, at: a.at?.toISOString() ?? null, text: a.text })),
})

export function toStatus(row: StoredCode): HealthCodeStatus {
  return {
    personId: row.person_id,
    colour: row.colour as HealthCodeStatus['colour'],
    reasons: row.reasons as HealthCodeStatus['reasons'],
    actions: row.actions as HealthCodeStatus['actions'],
    validUntil: row.valid_until.toISOString(),
    ruleSetVersion: row.rule_set_version,
    computedAt: row.computed_at.toISOString(),
  }
}

/**
 * Keeps every colour current (DESIGN.md "Data rules"): a fact change writes an outbox row in
 * its own transaction (`enqueue`); the row is drained right after the commit by the request
 * that made it, and by the background worker otherwise (crash, other writers). Reads drain a
 * person's pending rows first, so no colour is ever read stale after a commit. A sweep
 * recomputes colours whose `valid_until` has passed (transitions caused by days passing).
 */
export class ColourService {
  constructor(
    private readonly database: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Call inside the transaction that changes the facts of these persons. */
  async enqueue(tx: Transaction<DB>, personIds: readonly string[]): Promise<void> {
    const unique = [...new Set(personIds)]
    if (unique.length === 0) return
    await tx
      .insertInto('outbox')
      .values(unique.map((id) => ({ topic: 'colour.recompute', person_id: id })))
      .execute()
  }

  /** Enqueues everyone whose facts match a SQL condition, in one statement (e.g. a risk-area change). */
  async enqueueWhere(
    tx: Transaction<DB>,
    personIdsQuery: ReturnType<typeof sql<{ person_id: string }>>,
  ): Promise<void> {
    await sql`insert into outbox (topic, person_id) select distinct 'colour.recompute', q.person_id from (${personIdsQuery}) q`.execute(
      tx,
    )
  }

  /** Drains pending outbox rows for these persons (or any, up to `limit`). Returns persons recomputed. */
  async drain(personIds?: readonly string[], limit = 500): Promise<number> {
    return this.database.db.transaction().execute(async (tx) => {
      let q = tx
        .selectFrom('outbox')
        .select(['id', 'person_id'])
        .where('processed_at', 'is', null)
        .orderBy('id')
        .limit(limit)
      if (personIds) {
        if (personIds.length === 0) return 0
        q = q.where('person_id', 'in', [...personIds])
      }
      const rows =
        this.database.kind === 'postgres' ? await q.forUpdate().skipLocked().execute() : await q.execute()
      if (rows.length === 0) return 0
      const persons = [...new Set(rows.map((r) => r.person_id))]
      await this.recomputeIn(tx, persons)
      await tx
        .updateTable('outbox')
        .set({ processed_at: sql<Date>`now()` })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      return persons.length
    })
  }

  /** Drains until nothing is pending (for the worker and for tests). */
  async drainAll(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.drain(undefined, 500)
      if (n === 0) return total
      total += n
    }
  }

  /** Recomputes colours whose validity has lapsed. */
  async sweep(limit = 1000): Promise<number> {
    const due = await this.database.db
      .selectFrom('health_codes')
      .select('person_id')
      .where('valid_until', '<=', this.clock())
      .orderBy('valid_until')
      .limit(limit)
      .execute()
    if (due.length === 0) return 0
    await this.database.db.transaction().execute((tx) =>
      this.recomputeIn(
        tx,
        due.map((d) => d.person_id),
      ),
    )
    return due.length
  }

  /** The current colour; drains this person's pending changes first; computes it the first time. */
  async current(personId: string): Promise<StoredCode> {
    await this.drain([personId])
    const row = await this.find(this.database.db, personId)
    if (row && row.valid_until > this.clock()) return row
    await this.database.db.transaction().execute((tx) => this.recomputeIn(tx, [personId]))
    const fresh = await this.find(this.database.db, personId)
    if (!fresh) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    return fresh
  }

  find(db: Executor, personId: string): Promise<StoredCode | undefined> {
    return db.selectFrom('health_codes').selectAll().where('person_id', '=', personId).executeTakeFirst()
  }

  /** Computes colours for persons under given rule sets, without storing (dry runs). */
  async evaluate(
    db: Executor,
    persons: readonly { id: string; regionCode: string }[],
    ruleSetFor: (regionCode: string) => RuleSet,
  ): Promise<Map<string, ColourDecision>> {
    const facts = await loadHealthFacts(
      db,
      persons.map((p) => p.id),
    )
    const now = this.clock()
    const out = new Map<string, ColourDecision>()
    for (const p of persons) {
      const f = facts.get(p.id)
      if (f) out.set(p.id, computeColour(f, ruleSetFor(p.regionCode), now))
    }
    return out
  }

  /**
   * Recomputes and stores within `tx`: locks the persons' rows (one recompute per person at a
   * time), writes the colour, appends history on a change, and marks the previously issued
   * status index "changed" so offline verifiers learn of it from the status list.
   */
  async recomputeIn(tx: Transaction<DB>, personIds: readonly string[]): Promise<void> {
    const ids = [...new Set(personIds)].sort()
    if (ids.length === 0) return
    const persons = await tx
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute()
    if (persons.length === 0) return
    const ruleSets = await resolveRuleSets(tx, [...new Set(persons.map((p) => p.region_code))])
    const decisions = await this.evaluate(
      tx,
      persons.map((p) => ({ id: p.id, regionCode: p.region_code })),
      (rc) => {
        const rs = ruleSets.get(rc)
        if (!rs) throw new Error(`no rule set resolved for ${rc}`)
        return rs
      },
    )
    const existing = new Map(
      (
        await tx
          .selectFrom('health_codes')
          .selectAll()
          .where(
            'person_id',
            'in',
            persons.map((p) => p.id),
          )
          .execute()
      ).map((r) => [r.person_id, r]),
    )
    const now = this.clock()
    for (const p of persons) {
      const d = decisions.get(p.id)
      if (!d) continue
      const json = toJson(d)
      const old = existing.get(p.id)
      const changed = !old || old.colour !== d.colour
      let statusIndex = old?.status_index
      if (old && changed) {
        await tx
          .insertInto('code_status_bits')
          .values({ status_index: old.status_index, status: 'changed' })
          .onConflict((oc) => oc.doNothing())
          .execute()
        statusIndex = undefined
      }
      if (statusIndex === undefined) {
        const r = await sql<{ n: number }>`select nextval('health_code_status_index_seq')::int as n`.execute(
          tx,
        )
        statusIndex = r.rows[0]?.n ?? 0
      }
      const values = {
        region_code: p.region_code,
        colour: d.colour,
        reasons: JSON.stringify(json.reasons),
        actions: JSON.stringify(json.actions),
        valid_until: d.validUntil,
        rule_set_version: d.ruleSetVersion,
        status_index: statusIndex,
        computed_at: now,
      }
      if (old) await tx.updateTable('health_codes').set(values).where('person_id', '=', p.id).execute()
      else
        await tx
          .insertInto('health_codes')
          .values({ ...values, person_id: p.id, subject_id: randomBytes(12).toString('base64url') })
          .execute()
      if (changed) {
        await tx
          .insertInto('colour_history')
          .values({
            person_id: p.id,
            colour: d.colour,
            previous_colour: old?.colour ?? null,
            reasons: JSON.stringify(json.reasons.map((r) => ({ code: r.code, text: r.text }))),
            rule_set_version: d.ruleSetVersion,
            at: now,
          })
          .execute()
      }
    }
  }
}
