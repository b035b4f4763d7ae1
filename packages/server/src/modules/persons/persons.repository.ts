import { sql } from 'kysely'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import type { Persons } from '../../db/schema.generated.js'
import { type Scope, scopeCondition, whereInScope } from '../../auth/scope.js'
import type { NewPersonRow } from './person-row.js'
import type { Memberships } from './work-units.service.js'

export const PERSON_COLUMNS = [
  'p.id',
  'p.region_code',
  'p.household_id',
  'p.name',
  'p.sex',
  'p.birth_date',
  'p.phone',
  'p.id_type',
  'p.id_number_masked',
  'p.address',
  'p.workplace_id',
  'p.school_id',
  'p.work_unit_id',
  'p.class_unit_id',
  'p.version',
  'p.created_at',
  'p.updated_at',
  'r.name as region_name',
] as const

export interface PersonFilter {
  readonly regionPrefix?: string | undefined
  readonly namePrefix?: string | undefined
  readonly phone?: string | undefined
  readonly idHashes?: readonly Uint8Array[] | undefined
}

/**
 * SQL for persons; one query per method (STYLE.md §5). Every read of person data takes a
 * `Scope` and applies it here (#15): a row outside it is simply not found.
 */
export class PersonsRepository {
  findById(db: Executor, scope: Scope, id: string) {
    return whereInScope(
      db.selectFrom('persons as p').innerJoin('regions as r', 'r.code', 'p.region_code'),
      'p.region_code',
      scope,
      'p.id',
    )
      .select(PERSON_COLUMNS)
      .where('p.id', '=', id)
      .executeTakeFirst()
  }

  /**
   * Only the region of a person, whatever the scope: for telling "not yours" (OUT_OF_SCOPE)
   * from "not there" (NOT_FOUND) after a scoped find came back empty. Returns no person data.
   */
  regionOf(db: Executor, id: string) {
    return db.selectFrom('persons').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  findSecret(db: Executor, scope: Scope, id: string) {
    return whereInScope(db.selectFrom('persons'), 'persons.region_code', scope, 'persons.id')
      .select(['id', 'region_code', 'id_type', 'id_number_enc', 'phone'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  findByIdHash(db: Executor, idType: Persons['id_type'], hash: Uint8Array) {
    return db
      .selectFrom('persons')
      .select(['id', 'region_code'])
      .where('id_type', '=', idType)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst()
  }

  private filtered(db: Executor, scope: Scope, f: PersonFilter) {
    let q = whereInScope(
      db.selectFrom('persons as p').innerJoin('regions as r', 'r.code', 'p.region_code'),
      'p.region_code',
      scope,
      'p.id',
    )
    if (f.regionPrefix) q = q.where('p.region_code', 'like', likePrefix(f.regionPrefix))
    if (f.namePrefix) q = q.where('p.name', 'like', likePrefix(f.namePrefix))
    if (f.phone) q = q.where('p.phone', '=', f.phone)
    if (f.idHashes) {
      const hashes = f.idHashes
      if (hashes.length === 0) q = q.where(sql<boolean>`false`)
      else q = q.where('p.id_number_hash', 'in', hashes)
    }
    return q
  }

  search(db: Executor, scope: Scope, f: PersonFilter, page: number, pageSize: number) {
    return this.filtered(db, scope, f)
      .select(PERSON_COLUMNS)
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, scope: Scope, f: PersonFilter): Promise<number> {
    const row = await this.filtered(db, scope, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /**
   * The members of a household the scope sees: a region scope, those in its subtree; a
   * citizen's scope, the members of their own household (their family, on their own record).
   */
  householdMembers(db: Executor, scope: Scope, householdId: string) {
    return db
      .selectFrom('persons as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select(PERSON_COLUMNS)
      .where('p.household_id', '=', householdId)
      .where((eb) =>
        scope.kind === 'person'
          ? eb('p.household_id', '=', ownHousehold(db, scope))
          : scopeCondition(eb, 'p.region_code', scope),
      )
      .orderBy('p.birth_date')
      .execute()
  }

  /** A household the scope sees (a citizen: their own), with its region's name. */
  findHousehold(db: Executor, scope: Scope, id: string) {
    return db
      .selectFrom('households')
      .innerJoin('regions as r', 'r.code', 'households.region_code')
      .select(['households.id', 'households.region_code', 'r.name as region_name', 'households.address'])
      .where('households.id', '=', id)
      .where((eb) =>
        scope.kind === 'person'
          ? eb('households.id', '=', ownHousehold(db, scope))
          : scopeCondition(eb, 'households.region_code', scope),
      )
      .executeTakeFirst()
  }

  /** Only the region of a household, whatever the scope (OUT_OF_SCOPE versus NOT_FOUND). */
  householdRegionOf(db: Executor, id: string) {
    return db.selectFrom('households').select('region_code').where('id', '=', id).executeTakeFirst()
  }

  insertHousehold(db: Executor, regionCode: string, address: string) {
    return db
      .insertInto('households')
      .values({ region_code: regionCode, address })
      .returning(['id', 'region_code', 'address'])
      .executeTakeFirstOrThrow()
  }

  insert(db: Executor, p: NewPersonRow & Partial<Memberships>) {
    return db.insertInto('persons').values(p).returning('id').executeTakeFirstOrThrow()
  }

  /** Persons holding any of these identity documents (an import's duplicate check). */
  findByIdHashes(db: Executor, hashes: readonly Uint8Array[]) {
    if (hashes.length === 0) return Promise.resolve([])
    return db
      .selectFrom('persons')
      .select(['id', 'region_code', 'id_type', 'id_number_hash'])
      .where('id_number_hash', 'in', [...hashes])
      .execute()
  }

  /** Many persons in one statement (an import's batch). */
  insertMany(db: Executor, rows: readonly Parameters<PersonsRepository['insert']>[1][]) {
    if (rows.length === 0) return Promise.resolve([])
    return db
      .insertInto('persons')
      .values([...rows])
      .returning('id')
      .execute()
  }

  /** The citizen accounts linked to a person (at most one once registration binds by phone). */
  citizenAccounts(db: Executor, personId: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('person_id', '=', personId)
      .where('role', '=', 'citizen')
      .execute()
  }

  /** Optimistic update: only when the version still matches; returns the new version or undefined. */
  update(
    db: Executor,
    id: string,
    version: number,
    changes: {
      name?: string
      phone?: string | null
      address?: string | null
      region_code?: string
      household_id?: string | null
    } & Partial<Memberships>,
  ) {
    return db
      .updateTable('persons')
      .set({ ...changes, version: version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst()
  }
}

/** The household id of a citizen scope's own person, as a subquery (null: none). */
function ownHousehold(db: Executor, scope: Scope) {
  const q = db.selectFrom('persons as own').select('own.household_id')
  return scope.personId === null ? q.where(sql<boolean>`false`) : q.where('own.id', '=', scope.personId)
}
