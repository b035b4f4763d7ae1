import { randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { computeColour, DomainError, type ColourDecision, type RuleSet } from '@lianfang/core'
import type { HealthCodeStatus } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { FactSources } from './fact-sources.js'
import { flagStatusChanged } from '../keys/index.js'
import { resolveRuleSets } from './rule-sets.repository.js'
import type { Executor } from '../../db/kit.js'

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
    /** Where each domain's facts are loaded from (modules register their source). */
    readonly sources: FactSources,
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
    const facts = await this.sources.load(
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
   *
   * Set-based: a fixed number of statements whatever the batch size (reads, then one statement
   * each for the status bits, the new status indexes, the updated codes, the new codes and the
   * history). The lock is `for no key update`: it excludes other recomputes of the person but
   * not the key-share locks that inserts referencing the person take (a contact, an order), so
   * a recompute never deadlocks with a transaction that is writing such facts in bulk.
   */
  async recomputeIn(tx: Transaction<DB>, personIds: readonly string[]): Promise<void> {
    const ids = [...new Set(personIds)].sort()
    if (ids.length === 0) return
    const persons = await tx
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id', 'in', ids)
      .orderBy('id')
      .forNoKeyUpdate()
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
          .select(['person_id', 'colour', 'status_index'])
          .where(
            'person_id',
            'in',
            persons.map((p) => p.id),
          )
          .execute()
      ).map((r) => [r.person_id, r]),
    )
    const now = this.clock()
    const rows = persons.flatMap((p) => {
      const d = decisions.get(p.id)
      if (!d) return []
      const old = existing.get(p.id)
      return [{ p, d, json: toJson(d), old, changed: !old || old.colour !== d.colour }]
    })
    if (rows.length === 0) return

    // The old index of a changed colour is flagged; changed and new codes draw a fresh index.
    const flagged = rows.flatMap((r) => (r.old && r.changed ? [r.old.status_index] : []))
    await flagStatusChanged(tx, flagged)
    const drawing = rows.filter((r) => r.changed).length
    const drawn =
      drawing === 0
        ? []
        : (
            await sql<{ n: number }>`select nextval('health_code_status_index_seq')::int as n
              from generate_series(1, ${drawing}::int)`.execute(tx)
          ).rows.map((r) => r.n)
    let next = 0
    const coded = rows.map((r) => {
      const statusIndex = r.changed ? drawn[next++] : r.old?.status_index
      if (statusIndex === undefined) throw new Error('status index sequence returned too few values')
      return { ...r, statusIndex }
    })

    const cols = (batch: typeof coded) => ({
      person: batch.map((r) => r.p.id),
      region: batch.map((r) => r.p.region_code),
      colour: batch.map((r) => r.d.colour),
      reasons: batch.map((r) => JSON.stringify(r.json.reasons)),
      actions: batch.map((r) => JSON.stringify(r.json.actions)),
      validUntil: batch.map((r) => r.d.validUntil.toISOString()),
      version: batch.map((r) => r.d.ruleSetVersion),
      index: batch.map((r) => r.statusIndex),
    })
    const updated = cols(coded.filter((r) => r.old))
    if (updated.person.length > 0)
      await sql`update health_codes h
           set region_code = u.region_code, colour = u.colour, reasons = u.reasons, actions = u.actions,
               valid_until = u.valid_until, rule_set_version = u.rule_set_version,
               status_index = u.status_index, computed_at = ${now}::timestamptz
          from unnest(${updated.person}::bigint[], ${updated.region}::text[], ${updated.colour}::text[],
                      ${updated.reasons}::jsonb[], ${updated.actions}::jsonb[], ${updated.validUntil}::timestamptz[],
                      ${updated.version}::text[], ${updated.index}::int[])
               as u(person_id, region_code, colour, reasons, actions, valid_until, rule_set_version, status_index)
         where h.person_id = u.person_id`.execute(tx)
    const added = cols(coded.filter((r) => !r.old))
    if (added.person.length > 0)
      await sql`insert into health_codes (person_id, region_code, subject_id, colour, reasons, actions,
                                          valid_until, rule_set_version, status_index, computed_at)
        select u.person_id, u.region_code, u.subject_id, u.colour, u.reasons, u.actions, u.valid_until,
               u.rule_set_version, u.status_index, ${now}::timestamptz
          from unnest(${added.person}::bigint[], ${added.region}::text[],
                      ${added.person.map(() => randomBytes(12).toString('base64url'))}::text[],
                      ${added.colour}::text[], ${added.reasons}::jsonb[], ${added.actions}::jsonb[],
                      ${added.validUntil}::timestamptz[], ${added.version}::text[], ${added.index}::int[])
               as u(person_id, region_code, subject_id, colour, reasons, actions, valid_until,
                    rule_set_version, status_index)`.execute(tx)

    const history = coded.filter((r) => r.changed)
    if (history.length > 0)
      await sql`insert into colour_history (person_id, colour, previous_colour, reasons, rule_set_version, at)
        select u.person_id, u.colour, u.previous_colour, u.reasons, u.rule_set_version, ${now}::timestamptz
          from unnest(${history.map((r) => r.p.id)}::bigint[], ${history.map((r) => r.d.colour)}::text[],
                      ${history.map((r) => r.old?.colour ?? null)}::text[],
                      ${history.map((r) => JSON.stringify(r.json.reasons.map((x) => ({ code: x.code, text: x.text }))))}::jsonb[],
                      ${history.map((r) => r.d.ruleSetVersion)}::text[])
               as u(person_id, colour, previous_colour, reasons, rule_set_version)`.execute(tx)
  }
}
