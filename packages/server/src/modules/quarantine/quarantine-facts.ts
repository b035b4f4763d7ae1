import type { FactSource } from '../health-codes/index.js'
import { hasLiveOrder, openOrders, ordersOfPersons, releaseWithNote } from './quarantine.repository.js'

/** Quarantine orders as health-code facts; an appeal may release an open order. */
export const quarantineFacts: FactSource = {
  name: 'quarantine',
  async load(db, personIds, facts) {
    for (const q of await ordersOfPersons(db, personIds))
      facts.get(q.person_id).quarantines.push({
        kind: q.kind,
        reason: q.reason,
        start: q.starts_at,
        end: q.ends_at,
        releasedAt: q.released_at ?? undefined,
      })
  },
  hasFacts: hasLiveOrder,
  corrections: ['release_quarantine'],
  async correctable(db, personId) {
    return (await openOrders(db, personId)).map((o) => ({ type: 'release_quarantine', ...o }))
  },
  correct: (tx, personId, _type, id, reason) => releaseWithNote(tx, personId, id, reason),
}
