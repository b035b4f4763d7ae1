import type { Transaction } from 'kysely'
import { computeColour, DomainError, type ColourDecision, type RuleSet } from '@lianfang/core'
import type { HealthCodeStatus } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { FactSources } from './fact-sources.js'
import { flagStatusChanged } from '../keys/index.js'
import { resolveRuleSets } from './rule-sets.repository.js'
import type { Executor } from '../../db/kit.js'
import {
  ColourRepository,
  type CodeColumns,
  type PersonIdsQuery,
  type StoredCode,
} from './colour.repository.js'

export type { StoredCode } from './colour.repository.js'

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
  private readonly repo = new ColourRepository()

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
    await this.repo.enqueue(tx, unique)
  }

  /** Enqueues everyone whose facts match a SQL condition, in one statement (e.g. a risk-area change). */
  async enqueueWhere(tx: Transaction<DB>, personIdsQuery: PersonIdsQuery): Promise<void> {
    await this.repo.enqueueWhere(tx, personIdsQuery)
  }

  /** Drains pending outbox rows for these persons (or any, up to `limit`). Returns persons recomputed. */
  async drain(personIds?: readonly string[], limit = 500): Promise<number> {
    return this.database.db.transaction().execute(async (tx) => {
      if (personIds?.length === 0) return 0
      const rows = await this.repo.pending(tx, personIds, limit, this.database.kind === 'postgres')
      if (rows.length === 0) return 0
      const persons = [...new Set(rows.map((r) => r.person_id))]
      await this.recomputeIn(tx, persons)
      await this.repo.markProcessed(
        tx,
        rows.map((r) => r.id),
      )
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
    const due = await this.repo.due(this.database.db, this.clock(), limit)
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
    return this.repo.find(db, personId)
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
    const persons = await this.repo.lockPersons(tx, ids)
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
        await this.repo.current(
          tx,
          persons.map((p) => p.id),
        )
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
    const drawn = drawing === 0 ? [] : await this.repo.drawStatusIndexes(tx, drawing)
    let next = 0
    const coded = rows.map((r) => {
      const statusIndex = r.changed ? drawn[next++] : r.old?.status_index
      if (statusIndex === undefined) throw new Error('status index sequence returned too few values')
      return { ...r, statusIndex }
    })

    const cols = (batch: typeof coded): CodeColumns => ({
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
    if (updated.person.length > 0) await this.repo.update(tx, updated, now)
    const added = cols(coded.filter((r) => !r.old))
    if (added.person.length > 0) await this.repo.insert(tx, added, now)

    const history = coded.filter((r) => r.changed)
    if (history.length > 0)
      await this.repo.insertHistory(
        tx,
        history.map((r) => ({
          personId: r.p.id,
          colour: r.d.colour,
          previousColour: r.old?.colour ?? null,
          reasons: JSON.stringify(r.json.reasons.map((x) => ({ code: x.code, text: x.text }))),
          ruleSetVersion: r.d.ruleSetVersion,
        })),
        now,
      )
  }
}
