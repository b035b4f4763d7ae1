import {
  EPIDEMIC_FLOOR,
  isInRegion,
  type ErrorCode,
  type ItemErrorCode,
  type RuleSetParams,
} from '@lianfang/core'
import type { ContactInput } from '@lianfang/contracts'

const DAY = 86_400_000

/** What the database says about a batch's persons, read once before any write. */
export interface ConfirmFacts {
  readonly caseId: string
  readonly casePersonId: string
  readonly userRegion: string
  readonly params: RuleSetParams
  /** Now, in ms since the epoch: exposures after it (plus a minute) are refused; orders start at it. */
  readonly now: number
  /** Region of each person that exists. */
  readonly persons: ReadonlyMap<string, string>
  /** Contacts this case already has, by person (any status: the pair is unique). */
  readonly existing: ReadonlyMap<string, { readonly degree: string; readonly status: string }>
  /** Each person's running centralized quarantine order (the latest-ending one). */
  readonly running: ReadonlyMap<string, RunningOrder>
}

export interface RunningOrder {
  readonly id: string
  readonly endsAt: Date
  readonly note: string | null
}

/** The quarantine order an accepted in-region contact gets. */
export type OrderPlan =
  | { readonly kind: 'new'; readonly endsAt: Date }
  /** The running order, extended to `endsAt` with `note` (another investigation, 另一起调查). */
  | { readonly kind: 'extend'; readonly id: string; readonly endsAt: Date; readonly note: string }
  /** The running order, which already ends later: never shortened. */
  | { readonly kind: 'keep'; readonly id: string }
  /** Observation already over (exposure long ago) and no running order: none. */
  | { readonly kind: 'none' }

export type ItemPlan =
  | { readonly status: 'rejected'; readonly code: ItemErrorCode | ErrorCode; readonly message: string }
  | {
      readonly status: 'routed'
      readonly item: ContactInput
      readonly exposure: Date
      readonly regionCode: string
    }
  | {
      readonly status: 'confirmed'
      readonly item: ContactInput
      readonly exposure: Date
      readonly regionCode: string
      readonly order: OrderPlan
    }

/**
 * Decides every item of a bulk confirmation from facts read beforehand, in item order, the
 * way confirming them one by one would: the case itself, a future exposure, a secondary
 * contact not through a confirmed close contact (CC2.DEF; one accepted earlier in the batch
 * counts), an unknown person and a duplicate (already a contact, or earlier in the batch)
 * are refused; persons of other regions are routed (协查); the others are confirmed with a
 * centralized order of the rule set's length from the last exposure (CC.OBS, CC2.OBS), or
 * the running one extended to the later end.
 */
export function planContacts(facts: ConfirmFacts, items: readonly ContactInput[]): ItemPlan[] {
  const { params } = facts
  const accepted = new Map<string, ContactInput['degree']>()
  const isCloseContact = (personId: string) => {
    const e = facts.existing.get(personId)
    if (e) return e.degree === 'close' && e.status === 'confirmed'
    return accepted.get(personId) === 'close'
  }
  return items.map((item): ItemPlan => {
    const reject = (code: ItemErrorCode | ErrorCode, message: string): ItemPlan => ({
      status: 'rejected',
      code,
      message,
    })
    if (item.personId === facts.casePersonId)
      return reject('CONTACT_IS_CASE', 'the case cannot be its own contact')
    const exposure = new Date(item.lastExposureAt)
    if (exposure.getTime() > facts.now + 60_000)
      return reject('EXPOSURE_IN_FUTURE', 'lastExposureAt is in the future')
    // An exposure before the first known case (plausibility.ts) is a typing error, and would
    // write a quarantine order that started and ended years ago.
    if (exposure < EPIDEMIC_FLOOR)
      return reject('EXPOSURE_BEFORE_EPIDEMIC', 'lastExposureAt is before the first known case (2019-12-01)')
    // Only a secondary contact names the close contact it came through; a close contact naming one
    // would store a link to any person id, in any region (found by the authorization walk).
    if (item.degree === 'close' && item.viaPersonId !== undefined)
      return reject('VIA_NOT_ALLOWED', 'viaPersonId is for secondary contacts only; a close contact has none')
    if (item.degree === 'secondary') {
      if (params.secondaryContact.centralizedDays <= 0)
        return reject(
          'SECONDARY_NOT_MANAGED',
          'the rule set in force does not manage secondary contacts (密接的密接, from FK7)',
        )
      if (item.viaPersonId === undefined)
        return reject('VIA_REQUIRED', 'a secondary contact needs viaPersonId (the close contact)')
      if (!isCloseContact(item.viaPersonId))
        return reject(
          'VIA_NOT_CLOSE_CONTACT',
          `person ${item.viaPersonId} is not a confirmed close contact of case ${facts.caseId}`,
        )
    }
    const regionCode = facts.persons.get(item.personId)
    if (regionCode === undefined) return reject('PERSON_NOT_FOUND', `person ${item.personId} does not exist`)
    if (facts.existing.has(item.personId) || accepted.has(item.personId))
      return reject('CONFLICT', `person ${item.personId} is already a contact of case ${facts.caseId}`)
    accepted.set(item.personId, item.degree)
    if (!isInRegion(regionCode, facts.userRegion)) return { status: 'routed', item, exposure, regionCode }
    const days =
      item.degree === 'close' ? params.closeContact.centralizedDays : params.secondaryContact.centralizedDays
    const endsAt = new Date(exposure.getTime() + days * DAY)
    return { status: 'confirmed', item, exposure, regionCode, order: orderFor(facts, item.personId, endsAt) }
  })
}

function orderFor(facts: ConfirmFacts, personId: string, endsAt: Date): OrderPlan {
  const running = facts.running.get(personId)
  if (running) {
    if (running.endsAt.getTime() >= endsAt.getTime()) return { kind: 'keep', id: running.id }
    const note = `${running.note ?? ''}; extended: contact of case ${facts.caseId}`.replace(/^; /, '')
    return { kind: 'extend', id: running.id, endsAt, note }
  }
  return endsAt.getTime() > facts.now ? { kind: 'new', endsAt } : { kind: 'none' }
}
