import { sql } from 'kysely'
import { type Executor, likePrefix, pageOffset } from '../../db/kit.js'
import type { Persons } from '../../db/schema.generated.js'

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
  'p.version',
  'p.created_at',
  'p.updated_at',
  'r.name as region_name',
] as const

export interface PersonFilter {
  readonly scopePrefix: string
  readonly regionPrefix?: string | undefined
  readonly namePrefix?: string | undefined
  readonly phone?: string | undefined
  readonly idHashes?: readonly Uint8Array[] | undefined
}

/** SQL for persons; one query per method (STYLE.md §5). */
export class PersonsRepository {
  findById(db: Executor, id: string) {
    return db
      .selectFrom('persons as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select(PERSON_COLUMNS)
      .where('p.id', '=', id)
      .executeTakeFirst()
  }

  findSecret(db: Executor, id: string) {
    return db
      .selectFrom('persons')
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

  private filtered(db: Executor, f: PersonFilter) {
    let q = db
      .selectFrom('persons as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .where('p.region_code', 'like', likePrefix(f.scopePrefix))
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

  search(db: Executor, f: PersonFilter, page: number, pageSize: number) {
    return this.filtered(db, f)
      .select(PERSON_COLUMNS)
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(pageSize)
      .offset(pageOffset(page, pageSize))
      .execute()
  }

  async count(db: Executor, f: PersonFilter): Promise<number> {
    const row = await this.filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  householdMembers(db: Executor, householdId: string, scopePrefix: string) {
    return db
      .selectFrom('persons as p')
      .innerJoin('regions as r', 'r.code', 'p.region_code')
      .select(PERSON_COLUMNS)
      .where('p.household_id', '=', householdId)
      .where('p.region_code', 'like', likePrefix(scopePrefix))
      .orderBy('p.birth_date')
      .execute()
  }

  findHousehold(db: Executor, id: string) {
    return db
      .selectFrom('households')
      .select(['id', 'region_code', 'address'])
      .where('id', '=', id)
      .executeTakeFirst()
  }

  insertHousehold(db: Executor, regionCode: string, address: string) {
    return db
      .insertInto('households')
      .values({ region_code: regionCode, address })
      .returning(['id', 'region_code', 'address'])
      .executeTakeFirstOrThrow()
  }

  insert(
    db: Executor,
    p: {
      region_code: string
      household_id: string | null
      name: string
      sex: Persons['sex']
      birth_date: string | null
      phone: string | null
      id_type: Persons['id_type']
      id_number_enc: Uint8Array
      id_number_hash: Uint8Array
      id_number_masked: string
      address: string | null
    },
  ) {
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
    },
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
