import { DomainError, isTestOverdue, localDate, maskPhone, regionPrefix, testOverdueAt } from '@lianfang/core'
import type {
  NotifyOverdueBody,
  NotifyOverdueResult,
  OverdueCount,
  OverdueMember,
  OverduePage,
  OverdueQuery,
} from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { Executor } from '../../db/kit.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { resolveRuleSets } from '../health-codes/index.js'
import type { SmsSender } from '../citizens/index.js'
import { KeyGroupsRepository, type MemberFilter } from './key-groups.repository.js'

const repo = new KeyGroupsRepository()

type Candidate = Awaited<ReturnType<KeyGroupsRepository['pastInterval']>>[number]

/** An overdue membership: the candidate row and when it fell overdue. */
export type OverdueRow = Candidate & { readonly overdueAt: number }

/** The reminder a member receives: their group, no other personal detail. */
export function reminderText(groupZh: string): string {
  return `【联防】您属于${groupZh}，按规定须定期进行核酸检测（应检尽检），目前已逾期。请尽快到附近采样点检测。`
}

/**
 * Overdue key-group members (RULES TEST.MUST with the rule set's overdue rule): listed per region,
 * group and unit, read under audit, and reminded by SMS once per person per local day. A member
 * is overdue exactly when their code shows TEST_OVERDUE: the last live negative plus the group's
 * interval plus the grace of the rule set in force in the person's region (core `isTestOverdue`).
 */
export class OverdueService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly sms: SmsSender,
    private readonly timeZone: string,
  ) {}

  /** Every overdue membership of the filter, in region, person, group order. */
  async overdueMembers(db: Executor, scope: Scope, f: MemberFilter, now: Date): Promise<OverdueRow[]> {
    const candidates = await repo.pastInterval(db, scope, f, now)
    if (candidates.length === 0) return []
    const ruleSets = await resolveRuleSets(db, [...new Set(candidates.map((c) => c.region_code))])
    const out: OverdueRow[] = []
    for (const c of candidates) {
      const grace = ruleSets.get(c.region_code)?.params.healthCode.overdueGraceHours
      if (grace === undefined) continue
      const last = c.last_negative === null ? null : new Date(c.last_negative)
      const interval = c.interval_days
      if (isTestOverdue(last, interval, grace, now))
        out.push({ ...c, overdueAt: testOverdueAt(last, interval, grace) })
    }
    return out
  }

  /** The filter of a request, checked against the scope; an unknown group is a 404. */
  private async filterOf(
    db: Executor,
    scope: Scope,
    q: { regionCode?: string | undefined; group?: string | undefined; unit?: string | undefined },
  ): Promise<MemberFilter> {
    if (q.regionCode !== undefined) scope.assert(q.regionCode, `region ${q.regionCode}`)
    if (q.group !== undefined && !(await repo.findGroup(db, q.group)))
      throw new DomainError('KEY_GROUP_NOT_FOUND', `no key group ${q.group}`, { field: 'group' })
    const unit = q.unit?.trim()
    return {
      regionPrefix: regionPrefix(q.regionCode ?? scope.regionCode),
      group: q.group,
      unit: unit === '' ? undefined : unit,
    }
  }

  /** A page of overdue members with counts per region and group; audited as a read of personal data. */
  async list(user: SessionUser, scope: Scope, q: OverdueQuery): Promise<OverduePage> {
    const page = q.page ?? 1
    const pageSize = q.pageSize ?? 20
    const now = new Date()
    return this.database.db.transaction().execute(async (tx) => {
      const filter = await this.filterOf(tx, scope, q)
      const all = await this.overdueMembers(tx, scope, filter, now)
      const shown = all.slice((page - 1) * pageSize, page * pageSize)
      const today = localDate(now, this.timeZone)
      const reminded = new Set(
        (
          await repo.remindedOn(
            tx,
            shown.map((m) => m.person_id),
            today,
          )
        ).map((r) => r.person_id),
      )
      await this.audit.append(tx, user, {
        action: 'key_group.overdue.read',
        targetType: 'person',
        details: { query: q, total: all.length, returned: shown.map((m) => m.person_id) },
      })
      return {
        items: shown.map((m) => toMember(m, reminded.has(m.person_id))),
        total: all.length,
        page,
        pageSize,
        counts: countsOf(all),
      }
    })
  }

  /**
   * Reminds the overdue members of a filter by SMS: one message per person per local day, however
   * often the button is pressed (`key_group_reminders`), audited with the persons reminded. A
   * message the gateway refuses gives its day back, so a later click may send it.
   */
  async notify(user: SessionUser, scope: Scope, body: NotifyOverdueBody): Promise<NotifyOverdueResult> {
    const now = new Date()
    const today = localDate(now, this.timeZone)
    const { overdue, claimed, noPhone } = await this.database.db.transaction().execute(async (tx) => {
      const filter = await this.filterOf(tx, scope, body)
      const all = await this.overdueMembers(tx, scope, filter, now)
      // One message per person: their first overdue group names it.
      const byPerson = new Map<string, OverdueRow>()
      for (const m of all) if (!byPerson.has(m.person_id)) byPerson.set(m.person_id, m)
      const withPhone = [...byPerson.values()].filter((m) => m.phone !== null)
      const got = await repo.claimReminders(
        tx,
        withPhone.map((m) => ({ personId: m.person_id, regionCode: m.region_code })),
        today,
        user.id,
      )
      const ids = new Set(got.map((g) => g.person_id))
      const claimed = withPhone.filter((m) => ids.has(m.person_id))
      await this.audit.append(tx, user, {
        action: 'key_group.notify',
        targetType: 'person',
        details: {
          filter: body,
          day: today,
          overdue: byPerson.size,
          reminded: claimed.map((m) => m.person_id),
        },
      })
      return { overdue: byPerson.size, claimed, noPhone: byPerson.size - withPhone.length }
    })
    let failed = 0
    for (const m of claimed) {
      try {
        await this.sms.send(m.phone ?? '', reminderText(m.name_zh), m.region_code)
      } catch {
        failed++
        await repo.releaseReminder(this.database.db, m.person_id, today)
      }
    }
    return {
      overdue,
      sent: claimed.length - failed,
      alreadyToday: overdue - noPhone - claimed.length,
      noPhone,
      failed,
    }
  }
}

function iso(at: number): string | null {
  return Number.isFinite(at) ? new Date(at).toISOString() : null
}

function toMember(m: OverdueRow, remindedToday: boolean): OverdueMember {
  return {
    personId: m.person_id,
    name: m.name,
    phoneMasked: m.phone === null ? null : maskPhone(m.phone),
    idNumberMasked: m.id_number_masked,
    regionCode: m.region_code,
    regionName: m.region_name,
    group: m.grp,
    groupNameZh: m.name_zh,
    groupNameEn: m.name_en,
    unitName: m.unit_name,
    source: m.source,
    intervalDays: m.interval_days,
    lastNegativeAt: m.last_negative === null ? null : new Date(m.last_negative).toISOString(),
    overdueSince: iso(m.overdueAt),
    remindedToday,
  }
}

/** Overdue memberships per region and group, largest first. */
function countsOf(all: readonly OverdueRow[]): OverdueCount[] {
  const byKey = new Map<string, OverdueCount>()
  for (const m of all) {
    const key = `${m.region_code}|${m.grp}`
    const c = byKey.get(key)
    if (c) byKey.set(key, { ...c, overdue: c.overdue + 1 })
    else byKey.set(key, { regionCode: m.region_code, regionName: m.region_name, group: m.grp, overdue: 1 })
  }
  return [...byKey.values()].sort(
    (a, b) =>
      b.overdue - a.overdue || a.regionCode.localeCompare(b.regionCode) || a.group.localeCompare(b.group),
  )
}
