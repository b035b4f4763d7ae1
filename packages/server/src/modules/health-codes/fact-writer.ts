import type { Transaction } from 'kysely'
import { DomainError } from '@lianfang/core'
import type { FactCreated } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import type { ColourService } from './colour.service.js'
import { ColourRepository } from './colour.repository.js'

export interface FactTarget {
  readonly id: string
  readonly region_code: string
}

/**
 * How any domain records a fact a health code depends on: one transaction writes the fact (the
 * domain's own table, in `write`), its audit record and the recompute (the outbox); after the
 * commit the change is drained, so the response already carries the new colour.
 */
export class FactWriter {
  private readonly repo = new ColourRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  /** The person a request is about: citizens act for themselves, staff for persons in scope. */
  async target(tx: Transaction<DB>, user: SessionUser, personId: string | undefined): Promise<FactTarget> {
    const id = user.role === 'citizen' ? user.personId : personId
    if (user.role === 'citizen' && personId && personId !== user.personId) {
      throw new DomainError('FORBIDDEN', 'citizens declare for themselves only')
    }
    if (!id)
      throw new DomainError(
        'VALIDATION_FAILED',
        user.role === 'citizen' ? 'your account is not linked to a person' : 'personId is required',
      )
    const p = await this.repo.regionOf(tx, id)
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${id} does not exist`)
    if (user.role !== 'citizen') assertInScope(user, p.region_code, `person ${id}`)
    return p
  }

  /** Runs a fact change: write, audit, enqueue — then drain and report the new colour. */
  async change(
    user: SessionUser,
    personId: string | undefined,
    action: string,
    write: (tx: Transaction<DB>, person: FactTarget) => Promise<string>,
  ): Promise<FactCreated> {
    const { id, person } = await this.database.db.transaction().execute(async (tx) => {
      const person = await this.target(tx, user, personId)
      const id = await write(tx, person)
      await this.audit.append(tx, user, {
        action,
        targetType: 'person',
        targetId: person.id,
        details: { factId: id },
      })
      await this.colours.enqueue(tx, [person.id])
      return { id, person }
    })
    const code = await this.colours.current(person.id)
    return {
      id,
      personId: person.id,
      colour: code.colour as FactCreated['colour'],
      ruleSetVersion: code.rule_set_version,
    }
  }
}
