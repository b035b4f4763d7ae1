import { DomainError, isInRegion, regionPrefix } from '@lianfang/core'
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  type StringReference,
} from 'kysely'
import { likePrefix } from '../db/kit.js'
import type { SessionUser } from './session-user.js'

/**
 * What a request may see, as a value (#15 "Region scope as a type"). The guard builds it from
 * the session (`request.scope`); repository list and find methods take it as a required
 * argument and apply it in their SQL, so a service cannot forget it.
 *
 * - `region`: a user's region subtree — their own region and everything under it.
 * - `person`: a citizen — their own person record and nothing else (no region at all).
 *
 * Only `scopeOf` makes one: the class has a private constructor and a private field, so a plain
 * object of the same shape is not a `Scope` (see scope.test.ts). A federation peer's scope is a
 * later kind.
 */
export class Scope {
  /** Makes the class nominal: an object literal of the same shape is not a `Scope`. */
  readonly #brand = true

  private constructor(
    readonly kind: 'region' | 'person',
    /** `region`: the root of the subtree; `person`: the citizen's region (informational only). */
    readonly regionCode: string,
    /** `person` only: the citizen's person id. */
    readonly personId: string | null,
  ) {}

  /** @internal `scopeOf` is the one way in. */
  static of(user: SessionUser): Scope {
    if (user.role === 'citizen') return new Scope('person', user.regionCode, user.personId)
    return new Scope('region', user.regionCode, null)
  }

  /** The LIKE prefix of a region scope's subtree; undefined for a person scope. */
  get prefix(): string | undefined {
    return this.kind === 'region' ? regionPrefix(this.regionCode) : undefined
  }

  /** Whether records of this region are visible. A person scope covers no region. */
  covers(regionCode: string): boolean {
    return this.#brand && this.kind === 'region' && isInRegion(regionCode, this.regionCode)
  }

  /** Throws `OUT_OF_SCOPE` unless `covers(regionCode)`. `what` names the record for the message. */
  assert(regionCode: string, what: string): void {
    if (!this.covers(regionCode)) {
      const mine = this.kind === 'region' ? `your region (${this.regionCode})` : 'your own record'
      throw new DomainError('OUT_OF_SCOPE', `${what} is outside ${mine}`)
    }
  }

  /** Whether this person's record is visible (a person scope: only their own). */
  coversPerson(personId: string, regionCode: string): boolean {
    return this.kind === 'person' ? this.personId === personId : this.covers(regionCode)
  }
}

/** The scope of a signed-in user (the guard attaches it to the request as `request.scope`). */
export function scopeOf(user: SessionUser): Scope {
  return Scope.of(user)
}

/**
 * The SQL condition of a scope, for `.where(...)`: `region` → `column like 'prefix%'`;
 * `person` → `personColumn = id`, and `false` when the table has no person column (a citizen
 * sees no region-keyed rows). Fails closed.
 */
export function scopeCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB>,
  scope: Scope,
  personColumn?: StringReference<DB, TB>,
): Expression<SqlBool> {
  if (scope.kind === 'region') return sql<SqlBool>`${eb.ref(column)} like ${likePrefix(scope.prefix ?? '')}`
  if (!personColumn || scope.personId === null) return sql<SqlBool>`false`
  return sql<SqlBool>`${eb.ref(personColumn)} = ${scope.personId}`
}

/**
 * Adds the scope's condition to a query (see `scopeCondition`): the one way a repository applies
 * a `Scope`. `column` is the row's region column (`'p.region_code'`), `personColumn` the row's
 * person column for a citizen's scope (`'a.person_id'`, or `'p.id'` on persons).
 */
export function whereInScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  column: StringReference<DB, TB>,
  scope: Scope,
  personColumn?: StringReference<DB, TB>,
): SelectQueryBuilder<DB, TB, O> {
  return qb.where((eb) => scopeCondition(eb, column, scope, personColumn))
}

// ---------------------------------------------------------------------------------------------
// The functions before `Scope`, kept as thin wrappers for the modules not yet converted.

export function scopePrefix(user: SessionUser): string {
  return regionPrefix(user.regionCode)
}

export function inScope(user: SessionUser, regionCode: string): boolean {
  return isInRegion(regionCode, user.regionCode)
}

export function assertInScope(user: SessionUser, regionCode: string, what: string): void {
  if (!inScope(user, regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', `${what} is outside your region (${user.regionCode})`)
  }
}

/**
 * The node's operators: admins of the region the node itself serves (`LIANFANG_NODE_REGION`).
 * Node-wide things — the signing keys, records with no region (the system's, failed sign-ins),
 * messages to numbers not yet tied to a region — are theirs alone, not every city's admins'.
 */
export function isNodeOperator(user: SessionUser, nodeRegion: string): boolean {
  return user.role === 'admin' && user.regionCode === nodeRegion
}
