import { DomainError } from '@lianfang/core'
import type { HealthCodeStatus } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { toStatus, type ColourService } from './colour.service.js'

export interface HistoryEntry {
  colour: HealthCodeStatus['colour']
  previousColour: HealthCodeStatus['colour'] | null
  ruleSetVersion: string
  at: string
  reasons: { code: string; text: { 'zh-CN': string; en: string } }[]
}

/** Reading colours: a citizen's own, or (staff, scoped and audited) a person's. */
export class CodesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  private ownPerson(user: SessionUser): string {
    if (!user.personId) throw new DomainError('PERSON_NOT_FOUND', 'your account is not linked to a person record')
    return user.personId
  }

  async mine(user: SessionUser): Promise<HealthCodeStatus> {
    return toStatus(await this.colours.current(this.ownPerson(user)))
  }

  async myHistory(user: SessionUser): Promise<HistoryEntry[]> {
    return this.history(this.ownPerson(user))
  }

  async forPerson(user: SessionUser, personId: string): Promise<HealthCodeStatus> {
    await this.inScope(user, personId)
    await this.audit.record(user, { action: 'health_code.read', targetType: 'person', targetId: personId })
    return toStatus(await this.colours.current(personId))
  }

  async historyForPerson(user: SessionUser, personId: string): Promise<HistoryEntry[]> {
    await this.inScope(user, personId)
    await this.audit.record(user, { action: 'health_code.history', targetType: 'person', targetId: personId })
    return this.history(personId)
  }

  private async inScope(user: SessionUser, personId: string): Promise<void> {
    const p = await this.database.db.selectFrom('persons').select('region_code').where('id', '=', personId).executeTakeFirst()
    if (!p) throw new DomainError('PERSON_NOT_FOUND', `person ${personId} does not exist`)
    assertInScope(user, p.region_code, `person ${personId}`)
  }

  private async history(personId: string): Promise<HistoryEntry[]> {
    await this.colours.current(personId)
    const rows = await this.database.db
      .selectFrom('colour_history')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute()
    return rows.map((r) => ({
      colour: r.colour as HistoryEntry['colour'],
      previousColour: r.previous_colour as HistoryEntry['previousColour'],
      ruleSetVersion: r.rule_set_version,
      at: r.at.toISOString(),
      reasons: r.reasons as HistoryEntry['reasons'],
    }))
  }
}
