import type { Transaction } from 'kysely'
import { DomainError, ruleSetVersion } from '@lianfang/core'
import type { DB } from '../../db/schema.generated.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { resolveRuleSets } from '../health-codes/index.js'
import { followupParams, followupSchedule, observationEnd } from './followup-rules.js'
import { FollowupsRepository } from './followups.repository.js'

/**
 * Called inside the discharge / release transaction (`CasesService.discharge`), after the case got
 * its outcome: returns the end of the post-discharge observation (the case keeps it) and creates one follow-up task per
 * `followupWeeks` entry of the case region's rule set (CONF.AFTER, ASYM.AFTER), assigned to the
 * designated hospital when the case names its isolation place, else to the person's community.
 * Idempotent: a case has at most one task per week, and a second call adds nothing.
 */
export async function scheduleFollowups(
  tx: Transaction<DB>,
  audit: AuditService,
  user: SessionUser,
  caseId: string,
): Promise<{ observationEndsAt: Date }> {
  const repo = new FollowupsRepository()
  const c = await repo.caseToFollow(tx, caseId)
  if (!c) throw new DomainError('NOT_FOUND', `case ${caseId} does not exist`)
  if (!c.outcome_at || (c.outcome !== 'discharged' && c.outcome !== 'released'))
    throw new Error(`case ${caseId} is not discharged or released; no follow-up to schedule`)
  if (c.status !== 'confirmed' && c.status !== 'asymptomatic')
    throw new Error(`case ${caseId} is ${c.status}; only confirmed and asymptomatic cases are followed up`)

  const rs = (await resolveRuleSets(tx, [c.region_code])).get(c.region_code)
  if (!rs) throw new Error(`no rule set for ${c.region_code}`)
  const { observationDays, weeks } = followupParams(rs.params, c.status)
  const observationEndsAt = observationEnd(c.outcome_at, observationDays)

  const place = c.isolation_place?.trim() ?? ''
  const hospital = place === '' ? undefined : place
  const version = ruleSetVersion(rs)
  const created = await repo.insertMissing(
    tx,
    followupSchedule(c.outcome_at, weeks).map((slot) => ({
      case_id: c.id,
      person_id: c.person_id,
      region_code: c.person_region,
      assignee_kind: hospital ? 'hospital' : 'community',
      assignee_name: hospital ?? c.person_region_name ?? c.person_region,
      week: slot.week,
      window_opens_at: slot.windowOpensAt,
      due_at: slot.dueAt,
      rule_set_version: version,
    })),
  )
  await audit.append(tx, user, {
    action: 'followup.schedule',
    targetType: 'person',
    targetId: c.person_id,
    details: {
      caseId: c.id,
      followupIds: created.map((x) => x.id),
      weeks: created.map((x) => x.week),
      ruleSetVersion: version,
    },
  })
  return { observationEndsAt }
}
