import { allowedPoolSizes, DomainError, maskName, normalizeIdNumber, type IdType } from '@lianfang/core'
import type {
  AddTubeMemberBody,
  CreateTubeBody,
  Tube,
  TubeDetail,
  TubePage,
  TubeQuery,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import { requireRegion, type Executor } from '../../db/kit.js'
import type { PiiCipher } from '../../crypto/pii-cipher.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import { resolveRuleSets } from '../health-codes/index.js'
import { TubesRepository, type TubeRow } from './tubes.repository.js'

const iso = (d: Date | string) => new Date(d).toISOString()

/** A tube row as the API shows it (never its members). */
export function toTube(t: NonNullable<TubeRow>): Tube {
  return {
    id: t.id,
    barcode: t.barcode,
    regionCode: t.region_code,
    regionName: t.region_name,
    campaignId: t.campaign_id,
    siteId: t.site_id,
    poolSize: t.pool_size,
    members: t.members,
    status: t.status,
    shipmentId: t.shipment_id,
    registeredAt: iso(t.registered_at),
    result: t.result,
    ct: (t.ct as Record<string, number> | null) ?? null,
    resultedAt: t.resulted_at === null ? null : iso(t.resulted_at),
  }
}

/**
 * Tube registration (采样管登记, issue #17): a tester scans the tube's barcode, chooses a pool size
 * the area allows (POOL.WHO: the risk level caps it; POOL.MODES: 1, 5, 10, 20 where the rule set
 * allows), adds 1…pool size persons by their health code (verified as a gate verifies it) or ID
 * number, and closes the tube. A person is in at most one tube of a campaign.
 */
export class TubesService {
  private readonly repo = new TubesRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly cipher: PiiCipher,
    private readonly verifier: CodeVerifier,
    private readonly keys: KeysService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(user: SessionUser, scope: Scope, body: CreateTubeBody): Promise<TubeDetail> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const rules = (await resolveRuleSets(tx, [body.regionCode])).get(body.regionCode)
      if (!rules) throw new Error(`no rule set for ${body.regionCode}`)
      const risk = await this.repo.riskLevelOf(tx, body.regionCode, this.clock())
      const allowed = allowedPoolSizes(rules.params, risk)
      if (!allowed.includes(body.poolSize))
        throw new DomainError(
          'POOL_SIZE_NOT_ALLOWED',
          `pool size ${String(body.poolSize)} is not allowed in a ${risk}-risk area (allowed: ${allowed.join(', ')})`,
          { field: 'poolSize', allowed, risk },
        )
      if (body.campaignId !== undefined) {
        const c = await this.repo.campaignRegion(tx, body.campaignId)
        if (!c) throw new DomainError('NOT_FOUND', `no campaign ${body.campaignId}`, { field: 'campaignId' })
        if (!scope.covers(c.region_code)) scope.assert(c.region_code, `campaign ${body.campaignId}`)
      }
      if (body.siteId !== undefined) {
        const s = await this.repo.siteRegion(tx, body.siteId)
        if (!s) throw new DomainError('NOT_FOUND', `no sampling site ${body.siteId}`, { field: 'siteId' })
        scope.assert(s.region_code, `sampling site ${body.siteId}`)
      }
      const created = await this.repo.insertTube(tx, {
        barcode: body.barcode,
        regionCode: body.regionCode,
        poolSize: body.poolSize,
        campaignId: body.campaignId ?? null,
        siteId: body.siteId ?? null,
        by: user.id,
      })
      if (created === undefined)
        throw new DomainError('TUBE_EXISTS', `a tube with barcode ${body.barcode} is registered`, {
          field: 'barcode',
        })
      await this.audit.append(tx, user, {
        action: 'tube.register',
        targetType: 'tube',
        targetId: created,
        details: { barcode: body.barcode, poolSize: body.poolSize, regionCode: body.regionCode },
      })
      return created
    })
    return this.detail(this.database.db, scope, id)
  }

  async get(user: SessionUser, scope: Scope, id: string): Promise<TubeDetail> {
    const t = await this.detail(this.database.db, scope, id)
    await this.audit.record(user, { action: 'tube.read', targetType: 'tube', targetId: id })
    return t
  }

  async list(scope: Scope, q: TubeQuery): Promise<TubePage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    if (q.regionCode !== undefined) scope.assert(q.regionCode, `region ${q.regionCode}`)
    const { items, total } = await this.repo.listTubes(this.database.db, scope, {
      status: q.status,
      regionCode: q.regionCode,
      page,
      pageSize,
    })
    return { items: items.map(toTube), total, page, pageSize }
  }

  /** Adds one person (their health code, or ID number) to an open tube of the user's region. */
  async addMember(user: SessionUser, scope: Scope, id: string, body: AddTubeMemberBody): Promise<TubeDetail> {
    await this.assertTubeInScope(this.database.db, scope, id)
    if ((body.healthCode === undefined) === (body.personIdNumber === undefined))
      throw new DomainError('VALIDATION_FAILED', 'give either healthCode or personIdNumber', {
        field: 'healthCode',
      })
    const person = await this.personOf(body)
    await this.database.db.transaction().execute(async (tx) => {
      const tube = await this.repo.lockTube(tx, id)
      if (!tube) throw new DomainError('NOT_FOUND', `no tube ${id}`)
      if (tube.status !== 'open')
        throw new DomainError('TUBE_STATE', `tube ${tube.barcode} is ${tube.status}, not open`, {
          status: tube.status,
        })
      const members = await this.repo.membersOf(tx, id)
      const other = await this.repo.tubeOfPerson(tx, person.id, id, tube.campaign_id)
      if (other)
        throw new DomainError('PERSON_IN_OTHER_TUBE', `the person is in tube ${other.barcode} already`, {
          tubeBarcode: other.barcode,
        })
      if (members.length >= tube.pool_size)
        throw new DomainError('TUBE_FULL', `tube ${tube.barcode} holds ${String(tube.pool_size)} persons`, {
          poolSize: tube.pool_size,
        })
      const inserted = await this.repo.insertMember(tx, {
        tubeId: id,
        personId: person.id,
        regionCode: person.region_code,
        campaignId: tube.campaign_id,
      })
      if (!inserted)
        throw new DomainError('PERSON_IN_OTHER_TUBE', 'the person is in another tube of this campaign', {
          tubeBarcode: null,
        })
      await this.audit.append(tx, user, {
        action: 'tube.member.add',
        targetType: 'person',
        targetId: person.id,
        details: {
          tubeId: id,
          barcode: tube.barcode,
          by: body.healthCode === undefined ? 'id_number' : 'code',
        },
      })
    })
    return this.detail(this.database.db, scope, id)
  }

  async close(user: SessionUser, scope: Scope, id: string): Promise<TubeDetail> {
    await this.database.db.transaction().execute(async (tx) => {
      await this.assertTubeInScope(tx, scope, id)
      const tube = await this.repo.lockTube(tx, id)
      if (!tube) throw new DomainError('NOT_FOUND', `no tube ${id}`)
      if (tube.status !== 'open')
        throw new DomainError('TUBE_STATE', `tube ${tube.barcode} is ${tube.status}, not open`, {
          status: tube.status,
        })
      if ((await this.repo.membersOf(tx, id)).length === 0)
        throw new DomainError('TUBE_STATE', `tube ${tube.barcode} has no members`, { members: 0 })
      await this.repo.setStatus(tx, id, 'open', 'closed')
      await this.audit.append(tx, user, { action: 'tube.close', targetType: 'tube', targetId: id })
    })
    return this.detail(this.database.db, scope, id)
  }

  /** The person a scanned health code or an ID number names; 400/404 otherwise. */
  private async personOf(body: AddTubeMemberBody): Promise<{ id: string; region_code: string }> {
    const db = this.database.db
    if (body.healthCode !== undefined) {
      const v = await this.verifier.verify(body.healthCode.trim(), this.clock())
      if (!v.ok)
        throw new DomainError('VALIDATION_FAILED', `not a valid health code (${v.stage})`, {
          field: 'healthCode',
          code: 'BAD_HEALTH_CODE',
          stage: v.stage,
        })
      const p =
        v.claims.issuer === this.keys.policy.issuer
          ? await this.repo.personOfSubject(db, v.claims.subject)
          : undefined
      if (!p) throw new DomainError('PERSON_NOT_FOUND', 'the code names no person of this node')
      return p
    }
    const idType: IdType = body.idType ?? 'resident'
    let normal: string
    try {
      normal = normalizeIdNumber(idType, body.personIdNumber ?? '')
    } catch {
      throw new DomainError('ID_NUMBER_INVALID', `not a valid ${idType} number`, { field: 'personIdNumber' })
    }
    const p = await this.repo.personByIdHash(db, idType, this.cipher.lookupHash(idType, normal))
    if (!p)
      throw new DomainError('PERSON_NOT_FOUND', 'no person with this ID number', { field: 'personIdNumber' })
    return p
  }

  /** NOT_FOUND for no such tube, OUT_OF_SCOPE for another region's. */
  private async assertTubeInScope(db: Executor, scope: Scope, id: string): Promise<void> {
    const t = await this.repo.tubeRegionOf(db, id)
    if (!t) throw new DomainError('NOT_FOUND', `no tube ${id}`)
    scope.assert(t.region_code, `tube ${id}`)
  }

  private async detail(db: Executor, scope: Scope, id: string): Promise<TubeDetail> {
    await this.assertTubeInScope(db, scope, id)
    const t = await this.repo.tubeById(db, scope, id)
    if (!t) throw new DomainError('NOT_FOUND', `no tube ${id}`)
    const members = await this.repo.membersOf(db, id)
    return {
      ...toTube(t),
      memberList: members.map((m) => ({
        personId: m.person_id,
        name: maskName(m.name),
        idNumberMasked: m.id_number_masked,
        registeredAt: iso(m.registered_at),
      })),
    }
  }
}
