import type { Transaction } from 'kysely'
import {
  DomainError,
  ID_TYPES,
  maskPhone,
  normalizeIdNumber,
  parseResidentId,
  regionPrefix,
  type IdType,
} from '@lianfang/core'
import type {
  CreateHouseholdBody,
  CreatePersonBody,
  Household,
  PersonDetail,
  PersonPage,
  PersonSearchQuery,
  PersonSummary,
  UnmaskedIdentity,
  UpdatePersonBody,
  VerifyPhoneBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { RegionsRepository } from '../regions/index.js'
import { PersonsRepository, type PersonFilter } from './persons.repository.js'
import { newPersonRow } from './person-row.js'
import type { WorkUnitsService } from './work-units.service.js'

type PersonRow = NonNullable<Awaited<ReturnType<PersonsRepository['findById']>>>

function toSummary(r: PersonRow): PersonSummary {
  return {
    id: r.id,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    phoneMasked: r.phone === null ? null : maskPhone(r.phone),
    idType: r.id_type,
    idNumberMasked: r.id_number_masked,
    regionCode: r.region_code,
    regionName: r.region_name,
    householdId: r.household_id,
  }
}

/**
 * Persons: the register every domain points at. Reads and writes are scoped to the user's
 * region subtree here (not only in the UI), and each access is audited in its transaction.
 */
export class PersonsService {
  private readonly repo = new PersonsRepository()

  constructor(
    private readonly database: Database,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly regions: RegionsRepository,
    /** Employers', schools' units: checks a person's unit is their employer's (CC.SETTINGS 4). */
    private readonly units: WorkUnitsService,
  ) {}

  async search(user: SessionUser, scope: Scope, q: PersonSearchQuery): Promise<PersonPage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    if (q.regionCode) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const filter: PersonFilter = {
      regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
      namePrefix: q.name?.trim() || undefined,
      phone: q.phone,
      idHashes: q.idNumber ? this.idHashes(q.idNumber, q.idType) : undefined,
    }
    const free = q.q?.trim()
    if (free) Object.assign(filter, this.interpretFreeText(free))
    return this.database.db.transaction().execute(async (tx) => {
      const rows = await this.repo.search(tx, scope, filter, page, pageSize)
      const total =
        rows.length < pageSize && page === 1 ? rows.length : await this.repo.count(tx, scope, filter)
      await this.audit.append(tx, user, {
        action: 'person.search',
        targetType: 'person',
        details: {
          query: { ...q, idNumber: q.idNumber ? '(given)' : undefined },
          returned: rows.map((r) => r.id),
        },
      })
      return { items: rows.map(toSummary), total, page, pageSize }
    })
  }

  /** A free-text query is an ID number, a phone number or a name prefix, by its shape. */
  private interpretFreeText(text: string): Partial<PersonFilter> {
    const upper = text.toUpperCase()
    if (parseResidentId(upper).ok) return { idHashes: this.idHashes(upper, 'resident') }
    if (/^\+?\d{7,20}$/.test(text)) return { phone: text }
    if (/^[A-Z0-9]{5,20}$/.test(upper) && /\d/.test(upper))
      return { idHashes: this.idHashes(upper, undefined) }
    return { namePrefix: text }
  }

  private idHashes(raw: string, idType: IdType | undefined): Uint8Array[] {
    const types = idType ? [idType] : ID_TYPES
    const out: Uint8Array[] = []
    for (const t of types) {
      try {
        out.push(this.cipher.lookupHash(t, normalizeIdNumber(t, raw)))
      } catch (e) {
        if (idType) throw e
      }
    }
    return out
  }

  async get(user: SessionUser, scope: Scope, id: string): Promise<PersonDetail> {
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.readInScope(tx, scope, id)
      await this.audit.append(tx, user, { action: 'person.read', targetType: 'person', targetId: id })
      return this.detail(tx, scope, row)
    })
  }

  /** The signed-in citizen's own record (a citizen's scope is that record and their household). */
  async getOwn(user: SessionUser, scope: Scope): Promise<PersonDetail> {
    if (!user.personId)
      throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    const personId = user.personId
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.repo.findById(tx, scope, personId)
      if (!row) throw new DomainError('PERSON_NOT_FOUND', 'your person record no longer exists')
      await this.audit.append(tx, user, {
        action: 'person.read_own',
        targetType: 'person',
        targetId: personId,
      })
      return this.detail(tx, scope, row)
    })
  }

  /** A person the scope sees; else OUT_OF_SCOPE (it exists elsewhere) or PERSON_NOT_FOUND, as before #15. */
  private async readInScope(tx: Transaction<DB>, scope: Scope, id: string): Promise<PersonRow> {
    const row = await this.repo.findById(tx, scope, id)
    if (row) return row
    const elsewhere = await this.repo.regionOf(tx, id)
    if (elsewhere) scope.assert(elsewhere.region_code, `person ${id}`)
    throw new DomainError('PERSON_NOT_FOUND', `person ${id} does not exist`)
  }

  private async detail(tx: Transaction<DB>, scope: Scope, row: PersonRow): Promise<PersonDetail> {
    let household: Household | null = null
    if (row.household_id) {
      const h = await this.repo.findHousehold(tx, scope, row.household_id)
      const members = await this.repo.householdMembers(tx, scope, row.household_id)
      if (h)
        household = {
          id: h.id,
          regionCode: h.region_code,
          regionName: h.region_name,
          address: h.address,
          members: members.map(toSummary),
        }
    }
    return {
      ...toSummary(row),
      address: row.address,
      household,
      workplaceId: row.workplace_id,
      workUnitId: row.work_unit_id,
      schoolId: row.school_id,
      classUnitId: row.class_unit_id,
      ...(await this.units.names(tx, row)),
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }
  }

  async create(user: SessionUser, scope: Scope, body: CreatePersonBody): Promise<PersonDetail> {
    onlyOneHousehold(body)
    const values = newPersonRow(this.cipher, body, new Date())
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    return this.database.db.transaction().execute(async (tx) => {
      const region = await this.regions.findByCode(body.regionCode, tx)
      if (!region) throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
      if (body.householdId) await this.householdInScope(tx, scope, body.householdId)
      const existing = await this.repo.findByIdHash(tx, body.idType, values.id_number_hash)
      if (existing) {
        throw new DomainError('PERSON_EXISTS', 'a person with this identity document is already registered', {
          personId: scope.covers(existing.region_code) ? existing.id : undefined,
        })
      }
      if (body.newHousehold) {
        values.household_id = await this.addHousehold(tx, user, body.regionCode, body.newHousehold.address)
      }
      const memberships = await this.units.resolve(tx, scope, body)
      const { id } = await this.repo.insert(tx, { ...values, ...memberships })
      await this.audit.append(tx, user, { action: 'person.create', targetType: 'person', targetId: id })
      const row = await this.readInScope(tx, scope, id)
      return this.detail(tx, scope, row)
    })
  }

  async update(user: SessionUser, scope: Scope, id: string, body: UpdatePersonBody): Promise<PersonDetail> {
    onlyOneHousehold(body)
    return this.database.db.transaction().execute(async (tx) => {
      const current = await this.readInScope(tx, scope, id)
      const changes: Parameters<PersonsRepository['update']>[3] = {}
      if (body.name !== undefined) changes.name = body.name.trim()
      if (body.phone !== undefined) changes.phone = body.phone
      if (body.address !== undefined) changes.address = body.address
      if (body.regionCode !== undefined) {
        scope.assert(body.regionCode, `region ${body.regionCode}`)
        if (!(await this.regions.findByCode(body.regionCode, tx))) {
          throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
        }
        changes.region_code = body.regionCode
      }
      if (body.householdId !== undefined) {
        if (body.householdId !== null) await this.householdInScope(tx, scope, body.householdId)
        changes.household_id = body.householdId
      }
      if (body.newHousehold) {
        const region = body.regionCode ?? current.region_code
        changes.household_id = await this.addHousehold(tx, user, region, body.newHousehold.address)
      }
      Object.assign(changes, await this.units.resolve(tx, scope, body, current))
      const updated = await this.repo.update(tx, id, body.version, changes)
      if (!updated) {
        throw new DomainError(
          'STALE_VERSION',
          `person ${id} was changed since version ${body.version}; reload`,
          {
            currentVersion: current.version,
          },
        )
      }
      await this.audit.append(tx, user, {
        action: 'person.update',
        targetType: 'person',
        targetId: id,
        details: { fields: Object.keys(changes) },
      })
      return this.detail(tx, scope, await this.readInScope(tx, scope, id))
    })
  }

  /**
   * The staff-verified step of citizen registration (issue #14): someone with person:write in
   * the person's region has checked the identity (document seen in person) and sets the phone
   * the person controls. Registration binds only from the phone on record, so from now on the
   * person can register from this phone — and an account bound earlier from another phone is
   * disabled when they do. Audited with the reason and whether such an account exists.
   */
  async verifyPhone(
    user: SessionUser,
    scope: Scope,
    id: string,
    body: VerifyPhoneBody,
  ): Promise<PersonDetail> {
    return this.database.db.transaction().execute(async (tx) => {
      const current = await this.readInScope(tx, scope, id)
      const updated = await this.repo.update(tx, id, body.version, { phone: body.phone })
      if (!updated)
        throw new DomainError(
          'STALE_VERSION',
          `person ${id} was changed since version ${body.version}; reload`,
          {
            currentVersion: current.version,
          },
        )
      const accounts = await this.repo.citizenAccounts(tx, id)
      await this.audit.append(tx, user, {
        action: 'person.phone_verify',
        targetType: 'person',
        targetId: id,
        reason: body.reason,
        details: {
          phoneMasked: maskPhone(body.phone),
          hadPhone: current.phone !== null,
          citizenAccounts: accounts.map((a) => ({ userId: a.id, sameNumber: a.username === body.phone })),
        },
      })
      return this.detail(tx, scope, await this.readInScope(tx, scope, id))
    })
  }

  /** Shows the full identity number and phone: an explicit, audited act with a reason. */
  async unmask(user: SessionUser, scope: Scope, id: string, reason: string): Promise<UnmaskedIdentity> {
    return this.database.db.transaction().execute(async (tx) => {
      await this.readInScope(tx, scope, id)
      const secret = await this.repo.findSecret(tx, scope, id)
      if (!secret) throw new DomainError('PERSON_NOT_FOUND', `person ${id} does not exist`)
      await this.audit.append(tx, user, {
        action: 'person.unmask',
        targetType: 'person',
        targetId: id,
        reason,
      })
      return {
        idType: secret.id_type,
        idNumber: this.cipher.decrypt(secret.id_number_enc),
        phone: secret.phone,
      }
    })
  }

  private async householdInScope(tx: Transaction<DB>, scope: Scope, householdId: string) {
    const h = await this.repo.findHousehold(tx, scope, householdId)
    if (h) return h
    const elsewhere = await this.repo.householdRegionOf(tx, householdId)
    if (elsewhere) scope.assert(elsewhere.region_code, `household ${householdId}`)
    throw new DomainError('HOUSEHOLD_NOT_FOUND', `household ${householdId} does not exist`)
  }

  async createHousehold(user: SessionUser, scope: Scope, body: CreateHouseholdBody): Promise<Household> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    return this.database.db.transaction().execute(async (tx) => {
      const region = await this.regions.findByCode(body.regionCode, tx)
      if (!region) throw new DomainError('REGION_NOT_FOUND', `region ${body.regionCode} does not exist`)
      const id = await this.addHousehold(tx, user, body.regionCode, body.address)
      return {
        id,
        regionCode: body.regionCode,
        regionName: region.name,
        address: body.address.trim(),
        members: [],
      }
    })
  }

  /** A new household in a region already checked (existing, in scope), audited in `tx`. */
  private async addHousehold(
    tx: Transaction<DB>,
    user: SessionUser,
    regionCode: string,
    address: string,
  ): Promise<string> {
    const h = await this.repo.insertHousehold(tx, regionCode, address.trim())
    await this.audit.append(tx, user, { action: 'household.create', targetType: 'household', targetId: h.id })
    return h.id
  }

  async getHousehold(user: SessionUser, scope: Scope, id: string): Promise<Household> {
    return this.database.db.transaction().execute(async (tx) => {
      const h = await this.householdInScope(tx, scope, id)
      const members = await this.repo.householdMembers(tx, scope, id)
      await this.audit.append(tx, user, { action: 'household.read', targetType: 'household', targetId: id })
      return {
        id: h.id,
        regionCode: h.region_code,
        regionName: h.region_name,
        address: h.address,
        members: members.map(toSummary),
      }
    })
  }
}

/** A person joins an existing household or a new one, not both. */
function onlyOneHousehold(body: { householdId?: string | null; newHousehold?: { address: string } }): void {
  if (body.householdId !== undefined && body.newHousehold !== undefined) {
    throw new DomainError('VALIDATION_FAILED', 'give householdId or newHousehold, not both', [
      { path: 'body/newHousehold', message: 'not together with householdId' },
    ])
  }
}
