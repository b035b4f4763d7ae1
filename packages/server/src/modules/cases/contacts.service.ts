import { stringify } from 'csv-stringify/sync'
import { DomainError, isInRegion, regionPrefix, type RuleSetParams } from '@lianfang/core'
import type { ContactInput, ContactOutcome } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import { assertInScope } from '../../auth/scope.js'
import { likePrefix } from '../persons/persons.repository.js'
import type { ColourService } from '../health-codes/colour.service.js'
import { resolveRuleSets } from '../health-codes/rule-sets.repository.js'

const DAY = 86_400_000

export type { ContactInput, ContactOutcome }

/**
 * Confirming contacts (the investigator's one action): for each person, a contact record with
 * its reasons, a quarantine order from the rule set (centralized observation counted from the
 * last exposure, CC.OBS / CC2.OBS) and the new colour; for persons registered in another
 * region, no order here but an assist-investigation request (协查) to that region. Items are
 * independent: one bad item is reported, the others go through.
 */
export class ContactsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  async confirm(
    user: SessionUser,
    caseId: string,
    items: readonly ContactInput[],
  ): Promise<ContactOutcome[]> {
    const c = await this.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirst()
    if (!c) throw new DomainError('NOT_FOUND', `case ${caseId} does not exist`)
    assertInScope(user, c.region_code, `case ${caseId}`)
    const rules = await resolveRuleSets(this.database.db, [c.region_code])
    const params = rules.get(c.region_code)?.params
    if (!params) throw new Error('no rule set')
    const out: ContactOutcome[] = []
    const touched: string[] = []
    for (const item of items) {
      const base: ContactOutcome = {
        personId: item.personId,
        status: 'rejected',
        contactId: null,
        quarantineOrderId: null,
        assistRequestId: null,
        routedTo: null,
        error: null,
      }
      const reject = (code: string, message: string) => out.push({ ...base, error: { code, message } })
      if (item.personId === c.person_id) {
        reject('CONTACT_IS_CASE', 'the case cannot be its own contact')
        continue
      }
      const exposure = new Date(item.lastExposureAt)
      if (exposure.getTime() > Date.now() + 60_000) {
        reject('EXPOSURE_IN_FUTURE', 'lastExposureAt is in the future')
        continue
      }
      if (item.degree === 'secondary') {
        const problem = await this.secondaryProblem(caseId, item, params)
        if (problem) {
          reject(problem.code, problem.message)
          continue
        }
      }
      try {
        const result = await this.database.db.transaction().execute(async (tx) => {
          const person = await tx
            .selectFrom('persons')
            .select(['id', 'region_code'])
            .where('id', '=', item.personId)
            .executeTakeFirst()
          if (!person) throw new DomainError('PERSON_NOT_FOUND', `person ${item.personId} does not exist`)
          const dup = await tx
            .selectFrom('contacts')
            .select('id')
            .where('case_id', '=', caseId)
            .where('person_id', '=', person.id)
            .executeTakeFirst()
          if (dup)
            throw new DomainError('CONFLICT', `person ${person.id} is already a contact of case ${caseId}`, {
              contactId: dup.id,
            })
          const mine = isInRegion(person.region_code, user.regionCode)
          const contact = await tx
            .insertInto('contacts')
            .values({
              case_id: caseId,
              person_id: person.id,
              degree: item.degree,
              via_person_id: item.viaPersonId ?? null,
              region_code: person.region_code,
              last_exposure_at: exposure,
              reasons: JSON.stringify(item.reasons ?? []),
              created_by: user.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (!mine) {
            const req = await tx
              .insertInto('assist_requests')
              .values({
                contact_id: contact.id,
                person_id: person.id,
                from_region: user.regionCode,
                to_region: person.region_code,
                payload: JSON.stringify({
                  caseId,
                  degree: item.degree,
                  lastExposureAt: exposure.toISOString(),
                  reasons: item.reasons ?? [],
                }),
                created_by: user.id,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
            await this.audit.append(tx, user, {
              action: 'contact.routed',
              targetType: 'person',
              targetId: person.id,
              details: { caseId, assistRequestId: req.id, to: person.region_code },
            })
            await this.colours.enqueue(tx, [person.id])
            return {
              ...base,
              status: 'routed' as const,
              contactId: contact.id,
              assistRequestId: req.id,
              routedTo: person.region_code,
            }
          }
          const days =
            item.degree === 'close'
              ? params.closeContact.centralizedDays
              : params.secondaryContact.centralizedDays
          const end = new Date(exposure.getTime() + days * DAY)
          let orderId: string | null = null
          // Already under centralized quarantine (a contact of another case, 另一起调查): one
          // order, extended to the later end, not a second order beside it.
          const running = await tx
            .selectFrom('quarantine_orders')
            .select(['id', 'ends_at', 'note'])
            .where('person_id', '=', person.id)
            .where('kind', '=', 'centralized')
            .where('released_at', 'is', null)
            .where('voided_at', 'is', null)
            .where('ends_at', '>', new Date())
            .orderBy('ends_at', 'desc')
            .executeTakeFirst()
          if (running) {
            orderId = running.id
            if (running.ends_at.getTime() < end.getTime()) {
              await tx
                .updateTable('quarantine_orders')
                .set({
                  ends_at: end,
                  note: `${running.note ?? ''}; extended: contact of case ${caseId}`.replace(/^; /, ''),
                })
                .where('id', '=', running.id)
                .execute()
            }
            await tx
              .updateTable('contacts')
              .set({ quarantine_order_id: running.id })
              .where('id', '=', contact.id)
              .execute()
          } else if (end.getTime() > Date.now()) {
            const order = await tx
              .insertInto('quarantine_orders')
              .values({
                person_id: person.id,
                region_code: person.region_code,
                kind: 'centralized',
                reason: item.degree === 'close' ? 'close_contact' : 'secondary_contact',
                starts_at: new Date(),
                ends_at: end,
                note: `contact of case ${caseId}`,
                rule_set_version: `${rules.get(c.region_code)?.id ?? ''}@${rules.get(c.region_code)?.version ?? ''}`,
                created_by: user.id,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
            orderId = order.id
            await tx
              .updateTable('contacts')
              .set({ quarantine_order_id: order.id })
              .where('id', '=', contact.id)
              .execute()
          }
          await this.audit.append(tx, user, {
            action: 'contact.confirm',
            targetType: 'person',
            targetId: person.id,
            details: { caseId, degree: item.degree, quarantineOrderId: orderId },
          })
          await this.colours.enqueue(tx, [person.id])
          return { ...base, status: 'confirmed' as const, contactId: contact.id, quarantineOrderId: orderId }
        })
        out.push(result)
        touched.push(item.personId)
      } catch (e) {
        if (e instanceof DomainError) reject(e.code, e.message)
        else throw e
      }
    }
    if (touched.length > 0) await this.colours.drain(touched)
    return out
  }

  /**
   * Why a secondary contact (CC2.DEF) cannot be confirmed: the rule set does not manage them (FK6),
   * or `viaPersonId` does not name a close contact of this case.
   */
  private async secondaryProblem(
    caseId: string,
    item: ContactInput,
    params: RuleSetParams,
  ): Promise<{ code: string; message: string } | undefined> {
    if (
      params.healthCode.secondaryContactObservationDays <= 0 ||
      params.secondaryContact.centralizedDays <= 0
    )
      return {
        code: 'SECONDARY_NOT_MANAGED',
        message: 'the rule set in force does not manage secondary contacts (密接的密接, from FK7)',
      }
    if (item.viaPersonId === undefined)
      return { code: 'VIA_REQUIRED', message: 'a secondary contact needs viaPersonId (the close contact)' }
    const via = await this.database.db
      .selectFrom('contacts')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', item.viaPersonId)
      .where('degree', '=', 'close')
      .where('status', '=', 'confirmed')
      .executeTakeFirst()
    if (!via)
      return {
        code: 'VIA_NOT_CLOSE_CONTACT',
        message: `person ${item.viaPersonId} is not a confirmed close contact of case ${caseId}`,
      }
    return undefined
  }

  async list(user: SessionUser, caseId: string) {
    const c = await this.database.db
      .selectFrom('cases')
      .select(['region_code', 'person_id'])
      .where('id', '=', caseId)
      .executeTakeFirst()
    if (!c) throw new DomainError('NOT_FOUND', `case ${caseId} does not exist`)
    assertInScope(user, c.region_code, `case ${caseId}`)
    const rows = await this.database.db
      .selectFrom('contacts as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select([
        'k.id',
        'k.person_id',
        'k.degree',
        'k.region_code',
        'k.last_exposure_at',
        'k.reasons',
        'k.status',
        'k.quarantine_order_id',
        'p.name',
      ])
      .where('k.case_id', '=', caseId)
      .orderBy('k.id')
      .execute()
    await this.audit.record(user, { action: 'contact.list', targetType: 'case', targetId: caseId })
    // Persons of other regions are shown as routed requests, not as personal data.
    return rows.map((r) => {
      const mine = isInRegion(r.region_code, user.regionCode)
      return {
        id: r.id,
        personId: mine ? r.person_id : null,
        name: mine ? r.name : null,
        regionCode: r.region_code,
        degree: r.degree as 'close' | 'secondary',
        lastExposureAt: r.last_exposure_at.toISOString(),
        reasons: r.reasons as unknown[],
        status: r.status as 'confirmed' | 'dismissed',
        quarantineOrderId: r.quarantine_order_id,
        otherRegion: !mine,
      }
    })
  }

  /**
   * The 协查 requests as a CSV file (RFC 4180, UTF-8 with a BOM so spreadsheet programs read the
   * Chinese right): what the JSON list returns, the payload's case, degree, last exposure and
   * contact rules in columns. Audited as an export.
   */
  async assistRequestsCsv(user: SessionUser, direction: 'incoming' | 'outgoing'): Promise<string> {
    const rows = await this.assistRequests(user, direction, 'assist_request.export')
    const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')
    const rules = (reasons: unknown): string => {
      if (!Array.isArray(reasons)) return ''
      const names = new Set<string>()
      for (const r of reasons as unknown[]) {
        const rule = typeof r === 'object' && r !== null ? (r as { rule?: unknown }).rule : undefined
        if (typeof rule === 'string') names.add(rule)
      }
      return [...names].join(' ')
    }
    return (
      '\uFEFF' +
      stringify(
        rows.map((r) => [
          r.id,
          r.status,
          r.fromRegion,
          r.toRegion,
          text(r.payload['caseId']),
          r.contactId,
          r.personId ?? '',
          text(r.payload['degree']),
          text(r.payload['lastExposureAt']),
          rules(r.payload['reasons']),
          r.createdAt,
        ]),
        {
          header: true,
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
          eof: true,
          record_delimiter: 'windows',
        },
      )
    )
  }

  async assistRequests(
    user: SessionUser,
    direction: 'incoming' | 'outgoing',
    action: 'assist_request.list' | 'assist_request.export' = 'assist_request.list',
  ) {
    const col = direction === 'incoming' ? 'to_region' : 'from_region'
    const rows = await this.database.db
      .selectFrom('assist_requests')
      .selectAll()
      .where(col, 'like', likePrefix(regionPrefix(user.regionCode)))
      .orderBy('id', 'desc')
      .limit(500)
      .execute()
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
      status: r.status as 'open' | 'sent' | 'acknowledged' | 'closed',
      payload: r.payload as Record<string, unknown>,
      createdAt: r.created_at.toISOString(),
    }))
  }
}
