import type { ContactInput, ContactOutcome } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditEvent, AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import type { ExportTable } from '../../export/table-export.js'
import { storedReasons } from './reason-json.js'
import { type ColourService, resolveRuleSets } from '../health-codes/index.js'
import { planContacts } from './contacts-plan.js'
import { readConfirmFacts, writeContacts } from './contacts-confirm.repository.js'
import type { QuarantineService } from '../quarantine/index.js'
import { CasesRepository } from './cases.repository.js'
import { ContactsRepository } from './contacts.repository.js'
import { missingCase } from './case-scope.js'

export type { ContactInput, ContactOutcome }

/**
 * Confirming contacts (the investigator's one action): for each person, a contact record with
 * its reasons, a quarantine order from the rule set (centralized observation counted from the
 * last exposure, CC.OBS / CC2.OBS) and the new colour; for persons registered in another
 * region, no order here but an assist-investigation request (协查) to that region. Items are
 * independent: one bad item is reported, the others go through.
 *
 * A batch is one transaction with a fixed number of statements whatever its size (docs/cases.md,
 * bench `cascade`): the refusals are decided up front from three reads (`planContacts`), then
 * the accepted items are written set-based — orders and contacts from `unnest` arrays, one
 * insert each for the 协查 requests, the audit records and the outbox rows.
 */
export class ContactsService {
  private readonly cases = new CasesRepository()
  private readonly repo = new ContactsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
    private readonly quarantine: QuarantineService,
  ) {}

  async confirm(
    user: SessionUser,
    scope: Scope,
    caseId: string,
    items: readonly ContactInput[],
  ): Promise<ContactOutcome[]> {
    const { outcomes, touched } = await this.database.db.transaction().execute(async (tx) => {
      // Locked (against itself only): two confirmations of one case take turns, so the
      // duplicate check below sees the other's contacts.
      const c =
        (await this.cases.lockForContacts(tx, scope, caseId)) ?? (await missingCase(tx, scope, caseId))
      const ruleSet = (await resolveRuleSets(tx, [c.region_code])).get(c.region_code)
      if (!ruleSet) throw new Error('no rule set')
      const now = Date.now()
      const plans = planContacts(
        {
          caseId,
          casePersonId: c.person_id,
          userRegion: user.regionCode,
          params: ruleSet.params,
          now,
          ...(await readConfirmFacts(tx, caseId, c.person_id, items, new Date(now), this.quarantine)),
        },
        items,
      )
      const written = await writeContacts(tx, {
        user,
        caseId,
        ruleSetVersion: `${ruleSet.id}@${ruleSet.version}`,
        now: new Date(now),
        plans,
        quarantine: this.quarantine,
      })
      const events: AuditEvent[] = []
      const touched: string[] = []
      const outcomes = plans.map((plan, i): ContactOutcome => {
        const personId = items[i]?.personId ?? ''
        const base: ContactOutcome = {
          personId,
          status: 'rejected',
          contactId: null,
          quarantineOrderId: null,
          assistRequestId: null,
          routedTo: null,
          error: null,
        }
        if (plan.status === 'rejected') return { ...base, error: { code: plan.code, message: plan.message } }
        const contactId = written.contactIds.get(personId) ?? null
        touched.push(personId)
        if (plan.status === 'routed') {
          const assistRequestId = written.assistRequestIds.get(personId) ?? null
          events.push({
            action: 'contact.routed',
            targetType: 'person',
            targetId: personId,
            details: { caseId, assistRequestId, to: plan.regionCode },
          })
          return { ...base, status: 'routed', contactId, assistRequestId, routedTo: plan.regionCode }
        }
        const quarantineOrderId = written.orderIds.get(personId) ?? null
        events.push({
          action: 'contact.confirm',
          targetType: 'person',
          targetId: personId,
          details: { caseId, degree: plan.item.degree, quarantineOrderId },
        })
        return { ...base, status: 'confirmed', contactId, quarantineOrderId }
      })
      await this.audit.appendMany(tx, user, events)
      await this.colours.enqueue(tx, touched)
      return { outcomes, touched }
    })
    if (touched.length > 0) await this.colours.drain(touched)
    return outcomes
  }

  async list(user: SessionUser, scope: Scope, caseId: string) {
    const db = this.database.db
    if (!(await this.cases.findRegionAndPerson(db, scope, caseId))) await missingCase(db, scope, caseId)
    const rows = await this.repo.ofCase(db, caseId)
    await this.audit.record(user, { action: 'contact.list', targetType: 'case', targetId: caseId })
    // Persons of other regions are shown as routed requests, not as personal data.
    return rows.map((r) => {
      const mine = scope.covers(r.region_code)
      return {
        id: r.id,
        personId: mine ? r.person_id : null,
        name: mine ? r.name : null,
        regionCode: r.region_code,
        degree: r.degree,
        lastExposureAt: r.last_exposure_at.toISOString(),
        reasons: storedReasons(r.reasons),
        status: r.status,
        quarantineOrderId: r.quarantine_order_id,
        otherRegion: !mine,
      }
    })
  }

  /**
   * The 协查 requests as a table for a CSV or Excel file (export/table-export.ts): what the JSON
   * list returns, the payload's case, degree, last exposure and contact rules in columns.
   * Audited as an export.
   */
  async assistRequestsTable(
    user: SessionUser,
    scope: Scope,
    direction: 'incoming' | 'outgoing',
  ): Promise<ExportTable> {
    const rows = await this.assistRequests(user, scope, direction, 'assist_request.export')
    return {
      columns: [
        'id',
        'status',
        'from_region',
        'to_region',
        'case_id',
        'contact_id',
        'person_id',
        'degree',
        'last_exposure_at',
        'rules',
        'created_at',
      ],
      rows: rows.map((r) => [
        r.id,
        r.status,
        r.fromRegion,
        r.toRegion,
        r.payload.caseId,
        r.contactId,
        r.personId,
        r.payload.degree,
        r.payload.lastExposureAt,
        [...new Set(r.payload.reasons.map((x) => x.rule))].join(' '),
        r.createdAt,
      ]),
    }
  }

  async assistRequests(
    user: SessionUser,
    scope: Scope,
    direction: 'incoming' | 'outgoing',
    action: 'assist_request.list' | 'assist_request.export' = 'assist_request.list',
  ) {
    const rows = await this.repo.assistRequests(this.database.db, scope, direction, 500)
    await this.audit.record(user, {
      action,
      targetType: 'assist_request',
      details: { direction, count: rows.length },
    })
    return rows.map((r) => ({
      id: r.id,
      contactId: r.contact_id,
      personId: direction === 'incoming' ? r.person_id : null,
      fromRegion: r.from_region,
      toRegion: r.to_region,
      status: r.status,
      // The case, degree and exposure from the contact the request was written from (the same values,
      // contacts-confirm.repository.ts); of the stored reasons, those that match the schema (rows
      // written before reasons had one may hold anything).
      payload: {
        caseId: r.case_id,
        degree: r.degree,
        lastExposureAt: r.last_exposure_at.toISOString(),
        reasons: storedReasons((r.payload as { reasons?: unknown } | null)?.reasons),
      },
      createdAt: r.created_at.toISOString(),
    }))
  }
}
