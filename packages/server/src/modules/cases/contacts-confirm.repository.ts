import { sql, type Transaction } from 'kysely'
import type { ContactInput } from '@lianfang/contracts'
import type { DB } from '../../db/schema.generated.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { QuarantineService } from '../quarantine/index.js'
import type { ConfirmFacts, ItemPlan, RunningOrder } from './contacts-plan.js'

type Accepted = Exclude<ItemPlan, { status: 'rejected' }>
type Confirmed = Extract<ItemPlan, { status: 'confirmed' }>

/**
 * The three reads a bulk confirmation is decided from (`planContacts`), inside its
 * transaction: the persons (locked against each other's confirmation, in id order, so two
 * investigations naming one person take turns and it keeps one running order), the case's
 * contacts among the persons and `via`s, and the persons' running centralized orders (asked
 * of the quarantine domain).
 */
export async function readConfirmFacts(
  tx: Transaction<DB>,
  caseId: string,
  casePersonId: string,
  items: readonly ContactInput[],
  now: Date,
  quarantine: QuarantineService,
): Promise<Pick<ConfirmFacts, 'persons' | 'existing' | 'running'>> {
  const ids = [...new Set(items.map((i) => i.personId).filter((id) => id !== casePersonId))]
  const vias = items.flatMap((i) => (i.viaPersonId === undefined ? [] : [i.viaPersonId]))
  if (ids.length === 0) return { persons: new Map(), existing: new Map(), running: new Map() }
  const persons = await sql<{ id: string; region_code: string }>`
    select id, region_code from persons where id = any(${ids}::bigint[])
     order by id for no key update`.execute(tx)
  const existing = await sql<{ person_id: string; degree: string; status: string }>`
    select person_id, degree, status from contacts
     where case_id = ${caseId} and person_id = any(${[...new Set([...ids, ...vias])]}::bigint[])`.execute(tx)
  const running = await quarantine.runningCentralized(
    tx,
    persons.rows.map((p) => p.id),
    now,
  )
  return {
    persons: new Map(persons.rows.map((p) => [p.id, p.region_code])),
    existing: new Map(existing.rows.map((e) => [e.person_id, { degree: e.degree, status: e.status }])),
    running: new Map(
      [...running].map(([personId, r]): [string, RunningOrder] => [
        personId,
        { id: r.id, endsAt: r.endsAt, note: r.note },
      ]),
    ),
  }
}

export interface WrittenContacts {
  /** By person id. */
  readonly contactIds: ReadonlyMap<string, string>
  readonly orderIds: ReadonlyMap<string, string>
  readonly assistRequestIds: ReadonlyMap<string, string>
}

/**
 * Writes the accepted items of a plan, set-based, one statement per table whatever the
 * batch size: running orders extended and new orders (by the quarantine domain), contacts
 * (with their order), 协查 requests for the routed ones. A person appears at most once among accepted items.
 */
export async function writeContacts(
  tx: Transaction<DB>,
  w: {
    readonly user: SessionUser
    readonly caseId: string
    readonly ruleSetVersion: string
    readonly now: Date
    readonly plans: readonly ItemPlan[]
    readonly quarantine: QuarantineService
  },
): Promise<WrittenContacts> {
  const accepted = w.plans.filter((p): p is Accepted => p.status !== 'rejected')
  const confirmed = accepted.filter((p): p is Confirmed => p.status === 'confirmed')
  const orderIds = new Map<string, string>()
  const extend: { id: string; endsAt: Date; note: string }[] = []
  for (const p of confirmed) {
    if (p.order.kind === 'keep' || p.order.kind === 'extend') orderIds.set(p.item.personId, p.order.id)
    if (p.order.kind === 'extend') extend.push({ id: p.order.id, endsAt: p.order.endsAt, note: p.order.note })
  }
  // The quarantine domain orders (or extends) the contacts' centralized quarantine.
  const created = await w.quarantine.orderForContacts(tx, {
    caseId: w.caseId,
    user: w.user,
    ruleSetVersion: w.ruleSetVersion,
    now: w.now,
    extend,
    create: confirmed.flatMap((p) =>
      p.order.kind === 'new'
        ? [
            {
              personId: p.item.personId,
              regionCode: p.regionCode,
              reason: p.item.degree === 'close' ? ('close_contact' as const) : ('secondary_contact' as const),
              endsAt: p.order.endsAt,
            },
          ]
        : [],
    ),
  })
  for (const [personId, id] of created) orderIds.set(personId, id)

  const contactIds = new Map<string, string>()
  const assistRequestIds = new Map<string, string>()
  if (accepted.length === 0) return { contactIds, orderIds, assistRequestIds }
  const contacts = await sql<{ id: string; person_id: string }>`
    insert into contacts
      (case_id, person_id, degree, via_person_id, region_code, last_exposure_at, reasons, created_by,
       quarantine_order_id)
    select ${w.caseId}::bigint, u.person_id, u.degree, u.via_person_id, u.region_code, u.last_exposure_at,
           u.reasons, ${w.user.id}::bigint, u.quarantine_order_id
      from unnest(${accepted.map((p) => p.item.personId)}::bigint[], ${accepted.map((p) => p.item.degree)}::text[],
                  ${accepted.map((p) => p.item.viaPersonId ?? null)}::bigint[], ${accepted.map((p) => p.regionCode)}::text[],
                  ${accepted.map((p) => p.exposure.toISOString())}::timestamptz[],
                  ${accepted.map((p) => JSON.stringify(p.item.reasons ?? []))}::jsonb[],
                  ${accepted.map((p) => orderIds.get(p.item.personId) ?? null)}::bigint[])
           as u(person_id, degree, via_person_id, region_code, last_exposure_at, reasons, quarantine_order_id)
    returning id, person_id`.execute(tx)
  for (const k of contacts.rows) contactIds.set(k.person_id, k.id)

  const routed = accepted.filter((p) => p.status === 'routed')
  if (routed.length > 0) {
    const r = await sql<{ id: string; person_id: string }>`
      insert into assist_requests (contact_id, person_id, from_region, to_region, payload, created_by)
      select u.contact_id, u.person_id, ${w.user.regionCode}::text, u.to_region, u.payload, ${w.user.id}::bigint
        from unnest(${routed.map((p) => contactIds.get(p.item.personId) ?? null)}::bigint[],
                    ${routed.map((p) => p.item.personId)}::bigint[], ${routed.map((p) => p.regionCode)}::text[],
                    ${routed.map((p) =>
                      JSON.stringify({
                        caseId: w.caseId,
                        degree: p.item.degree,
                        lastExposureAt: p.exposure.toISOString(),
                        reasons: p.item.reasons ?? [],
                      }),
                    )}::jsonb[])
             as u(contact_id, person_id, to_region, payload)
      returning id, person_id`.execute(tx)
    for (const a of r.rows) assistRequestIds.set(a.person_id, a.id)
  }
  return { contactIds, orderIds, assistRequestIds }
}
