import { randomBytes } from 'node:crypto'
import { DomainError, regionPrefix } from '@lianfang/core'
import type {
  AddLabStaffBody,
  CreateLabBody,
  CreateShipmentBody,
  Lab,
  ShipmentDetail,
  ShipmentPage,
  ShipmentQuery,
  UpdateLabBody,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import { requireRegion, type Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { ExportTable } from '../../export/table-export.js'
import { LabsRepository, type ShipmentFilter } from './labs.repository.js'
import { ancestry } from './tubes.repository.js'
import { toTube } from './tubes.service.js'

const iso = (d: Date | string) => new Date(d).toISOString()
type LabRow = NonNullable<Awaited<ReturnType<LabsRepository['labById']>>>
type ShipmentRow = NonNullable<Awaited<ReturnType<LabsRepository['shipmentById']>>>

function toLab(l: LabRow): Lab {
  return {
    id: l.id,
    regionCode: l.region_code,
    regionName: l.region_name,
    name: l.name,
    active: l.active,
    staff: l.staff,
  }
}

function toShipment(s: ShipmentRow) {
  return {
    id: s.id,
    code: s.code,
    regionCode: s.region_code,
    regionName: s.region_name,
    labId: s.lab_id,
    labName: s.lab_name,
    sentAt: iso(s.sent_at),
    receivedAt: s.received_at === null ? null : iso(s.received_at),
    tubes: s.tubes,
    members: s.members,
    resulted: s.resulted,
  }
}

/** A shipment code to print and scan: `SH-` and 10 characters of Crockford base32. */
function shipmentCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  return `SH-${[...randomBytes(10)].map((b) => alphabet[b % 32] ?? '0').join('')}`
}

/**
 * Labs and shipments (issue #17): admins keep the list of labs and who works for each; a tester
 * sends closed tubes to a lab in a shipment with a manifest; the lab scans the shipment's code to
 * receive it. A lab's staff see their lab's shipments only, and of a tube its barcode, pool size
 * and member count — never who is in it.
 */
export class LabsService {
  private readonly repo = new LabsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Labs the user's tubes may go to: of their region's ancestors and subtree. */
  async list(scope: Scope): Promise<Lab[]> {
    const rows = await this.repo.listLabs(this.database.db, {
      regions: ancestry(scope.regionCode),
      prefix: regionPrefix(scope.regionCode),
    })
    return rows.map(toLab)
  }

  async create(user: SessionUser, scope: Scope, body: CreateLabBody): Promise<Lab> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const id = await this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const id = await this.repo.insertLab(tx, { name: body.name.trim(), regionCode: body.regionCode })
      await this.audit.append(tx, user, {
        action: 'lab.create',
        targetType: 'lab',
        targetId: id,
        details: { name: body.name, regionCode: body.regionCode },
      })
      return id
    })
    return this.lab(this.database.db, scope, id)
  }

  async update(user: SessionUser, scope: Scope, id: string, body: UpdateLabBody): Promise<Lab> {
    await this.lab(this.database.db, scope, id)
    await this.database.db.transaction().execute(async (tx) => {
      await this.repo.updateLab(tx, id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
      })
      await this.audit.append(tx, user, {
        action: 'lab.update',
        targetType: 'lab',
        targetId: id,
        details: body,
      })
    })
    return this.lab(this.database.db, scope, id)
  }

  async addStaff(user: SessionUser, scope: Scope, id: string, body: AddLabStaffBody): Promise<Lab> {
    await this.lab(this.database.db, scope, id)
    await this.database.db.transaction().execute(async (tx) => {
      const staff = await this.repo.userOf(tx, body.userId)
      if (!staff) throw new DomainError('NOT_FOUND', `no user ${body.userId}`, { field: 'userId' })
      scope.assert(staff.region_code, `user ${body.userId}`)
      if (staff.role !== 'lab')
        throw new DomainError('VALIDATION_FAILED', 'only a lab account can be lab staff', {
          field: 'userId',
          role: staff.role,
        })
      await this.repo.setStaff(tx, body.userId, id, user.id)
      await this.audit.append(tx, user, {
        action: 'lab.staff.add',
        targetType: 'lab',
        targetId: id,
        details: { userId: body.userId },
      })
    })
    return this.lab(this.database.db, scope, id)
  }

  private async lab(db: Executor, scope: Scope, id: string): Promise<Lab> {
    const l = await this.repo.labById(db, id)
    if (!l) throw new DomainError('NOT_FOUND', `no lab ${id}`)
    scope.assert(l.region_code, `lab ${id}`)
    return toLab(l)
  }

  /**
   * The labs a user acts for: a lab account its own lab only (none if unassigned); anyone else
   * (an admin) every active lab of their region.
   */
  async labsOf(db: Executor, user: { id: string; role: string; regionCode: string }): Promise<string[]> {
    if (user.role === 'lab') {
      const l = await this.repo.labOfUser(db, user.id)
      return l ? [l.id] : []
    }
    return this.repo.labsBelow(db, regionPrefix(user.regionCode))
  }

  // --- shipments ---

  async createShipment(user: SessionUser, scope: Scope, body: CreateShipmentBody): Promise<ShipmentDetail> {
    const lab = await this.repo.labById(this.database.db, body.labId)
    const reachable = new Set((await this.list(scope)).map((l) => l.id))
    if (!lab || !reachable.has(lab.id) || !lab.active)
      throw new DomainError('NOT_FOUND', `no active lab ${body.labId} for your region`, { field: 'labId' })
    const id = await this.database.db.transaction().execute(async (tx) => {
      const tubes = await this.repo.closedTubes(tx, scope, body.barcodes)
      const found = new Map(tubes.map((t) => [t.barcode, t]))
      const missing = body.barcodes.filter((b) => !found.has(b))
      if (missing.length > 0)
        throw new DomainError('NOT_FOUND', `no tube ${missing.join(', ')} in your region`, {
          field: 'barcodes',
          barcodes: missing,
        })
      const notClosed = tubes.filter((t) => t.status !== 'closed').map((t) => t.barcode)
      if (notClosed.length > 0)
        throw new DomainError('TUBE_STATE', `only closed tubes ship: ${notClosed.join(', ')}`, {
          field: 'barcodes',
          barcodes: notClosed,
        })
      const id = await this.repo.insertShipment(tx, {
        code: shipmentCode(),
        regionCode: user.regionCode,
        labId: lab.id,
        by: user.id,
      })
      await this.repo.shipTubes(
        tx,
        id,
        tubes.map((t) => t.id),
      )
      await this.audit.append(tx, user, {
        action: 'shipment.send',
        targetType: 'shipment',
        targetId: id,
        details: { labId: lab.id, barcodes: body.barcodes },
      })
      return id
    })
    return this.shipment(this.database.db, { scope }, id)
  }

  async shipments(scope: Scope, q: ShipmentQuery): Promise<ShipmentPage> {
    return this.page(this.database.db, { scope }, q)
  }

  async sentShipment(scope: Scope, id: string): Promise<ShipmentDetail> {
    const s = await this.repo.shipmentRegionOf(this.database.db, id)
    if (!s) throw new DomainError('NOT_FOUND', `no shipment ${id}`)
    scope.assert(s.region_code, `shipment ${id}`)
    return this.shipment(this.database.db, { scope }, id)
  }

  /** The manifest (送检单): each tube's barcode, pool size and member count. */
  async manifest(user: SessionUser, scope: Scope, id: string): Promise<{ code: string; table: ExportTable }> {
    const s = await this.sentShipment(scope, id)
    await this.audit.record(user, { action: 'shipment.manifest', targetType: 'shipment', targetId: id })
    return {
      code: s.code,
      table: {
        columns: ['送检单号', '实验室', '采样管条码', '混采人数', '实际人数', '送出时间'],
        rows: s.tubeList.map((t) => [s.code, s.labName, t.barcode, t.poolSize, t.members, s.sentAt]),
      },
    }
  }

  async labShipments(user: SessionUser, q: ShipmentQuery): Promise<ShipmentPage> {
    const labIds = await this.labsOf(this.database.db, user)
    return this.page(this.database.db, { labIds }, q)
  }

  async labShipment(user: SessionUser, id: string): Promise<ShipmentDetail> {
    const labIds = await this.labsOf(this.database.db, user)
    return this.shipment(this.database.db, { labIds }, id)
  }

  /** The lab scans a shipment's code: it and its tubes are received (once). */
  async receive(user: SessionUser, code: string): Promise<ShipmentDetail> {
    const id = await this.database.db.transaction().execute(async (tx) => {
      const labIds = await this.labsOf(tx, user)
      const s = await this.repo.shipmentByCode(tx, labIds, code.trim().toUpperCase())
      if (!s) throw new DomainError('NOT_FOUND', `no shipment ${code} for your lab`, { field: 'code' })
      if (s.received_at !== null)
        throw new DomainError('TUBE_STATE', `shipment ${code} was received at ${iso(s.received_at)}`, {
          receivedAt: iso(s.received_at),
        })
      await this.repo.receive(tx, s.id, user.id, this.clock())
      await this.audit.append(tx, user, {
        action: 'shipment.receive',
        targetType: 'shipment',
        targetId: s.id,
      })
      return { id: s.id, labIds }
    })
    return this.shipment(this.database.db, { labIds: id.labIds }, id.id)
  }

  private async page(db: Executor, f: ShipmentFilter, q: ShipmentQuery): Promise<ShipmentPage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const { items, total } = await this.repo.listShipments(db, f, { received: q.received, page, pageSize })
    return { items: items.map(toShipment), total, page, pageSize }
  }

  private async shipment(db: Executor, f: ShipmentFilter, id: string): Promise<ShipmentDetail> {
    const s = await this.repo.shipmentById(db, f, id)
    if (!s) throw new DomainError('NOT_FOUND', `no shipment ${id}`)
    const tubes = await this.repo.tubesOfShipment(db, id)
    return { ...toShipment(s), tubeList: tubes.map((t) => toTube(t)) }
  }
}
