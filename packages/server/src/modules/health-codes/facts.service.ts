import { assertEventTime, DomainError } from '@lianfang/core'
import type {
  FactCreated,
  FeverClinicVisitBody,
  HealthDeclarationBody,
  TripDeclarationBody,
} from '@lianfang/contracts'
import type { SessionUser } from '../../auth/session-user.js'
import { requireRegion } from '../../db/kit.js'
import type { FactWriter } from './fact-writer.js'
import { DeclarationsRepository } from './declarations.repository.js'

/**
 * The facts health codes own: health declarations (健康申报), trips (行程申报) and fever-clinic
 * visits. Other domains' facts (quarantine orders, test results, key groups, risk areas) are
 * written by their modules through the same `FactWriter`.
 */
export class FactsService {
  private readonly repo = new DeclarationsRepository()

  constructor(
    private readonly writer: FactWriter,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  declareHealth(user: SessionUser, body: HealthDeclarationBody): Promise<FactCreated> {
    const now = this.clock()
    let declaredAt = now
    if (body.declaredAt !== undefined) {
      // A citizen declares for now; staff may enter a reading taken earlier (a ward's chart).
      if (user.role === 'citizen')
        throw new DomainError('VALIDATION_FAILED', 'declaredAt is for staff entering an earlier reading', {
          field: 'declaredAt',
          keyword: 'staffOnly',
        })
      declaredAt = new Date(body.declaredAt)
      assertEventTime('declaredAt', declaredAt, now)
    }
    return this.writer.change(user, body.personId, 'fact.health_declaration', async (tx, p) => {
      const row = await this.repo.insertDeclaration(tx, {
        person_id: p.id,
        region_code: p.region_code,
        declared_at: declaredAt,
        temperature_c: body.temperatureC === undefined ? null : body.temperatureC.toFixed(1),
        symptoms: body.symptoms,
        source: user.role === 'citizen' ? 'self' : 'staff',
      })
      return row.id
    })
  }

  declareTrip(user: SessionUser, body: TripDeclarationBody): Promise<FactCreated> {
    const arrived = new Date(body.arrivedAt)
    const left = new Date(body.leftAt)
    assertEventTime('arrivedAt', arrived, this.clock())
    assertEventTime('leftAt', left, this.clock())
    if (left < arrived)
      throw new DomainError('VALIDATION_FAILED', 'leftAt is before arrivedAt', {
        field: 'leftAt',
        rule: 'ends_before_start',
      })
    return this.writer.change(user, body.personId, 'fact.trip', async (tx, p) => {
      await requireRegion(tx, body.placeRegionCode)
      const row = await this.repo.insertTrip(tx, {
        person_id: p.id,
        region_code: p.region_code,
        place_region_code: body.placeRegionCode,
        arrived_at: arrived,
        left_at: left,
        source: user.role === 'citizen' ? 'declared' : 'staff',
      })
      return row.id
    })
  }

  recordFeverClinicVisit(user: SessionUser, body: FeverClinicVisitBody): Promise<FactCreated> {
    const visited = new Date(body.visitedAt)
    assertEventTime('visitedAt', visited, this.clock())
    return this.writer.change(user, body.personId, 'fact.fever_clinic', async (tx, p) => {
      const row = await this.repo.insertFeverClinicVisit(tx, {
        person_id: p.id,
        region_code: p.region_code,
        visited_at: visited,
        hospital: body.hospital ?? null,
      })
      return row.id
    })
  }
}
