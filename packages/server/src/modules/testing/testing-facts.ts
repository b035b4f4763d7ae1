import { sql } from 'kysely'
import type { FactSource } from '../health-codes/index.js'
import { liveResultsSummary, resultsOfPersons, voidResult } from './testing.repository.js'

/** Test results as health-code facts; an appeal may void a wrong result. */
export const testingFacts: FactSource = {
  name: 'testing',
  async load(db, personIds, facts) {
    for (const n of await resultsOfPersons(db, personIds))
      facts.get(n.person_id).tests.push({
        sampledAt: n.sampled_at,
        result: n.result,
        pooled: n.pooled,
      })
  },
  hasFacts: () =>
    sql<boolean>`exists (select 1 from nat_results n where n.person_id = p.id and n.voided_at is null)`,
  corrections: ['void_nat_result'],
  async correctable(db, personId) {
    return (await liveResultsSummary(db, personId)).map((r) => ({ type: 'void_nat_result', ...r }))
  },
  correct: (tx, personId, _type, id, reason) => voidResult(tx, personId, id, reason),
}
