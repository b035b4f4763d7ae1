import type { FactSource } from '../health-codes/index.js'
import { SignedResultsService } from './signed-results.service.js'
import { hasLiveResult, liveResultsSummary, resultsOfPersons, voidResult } from './testing.repository.js'

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
  hasFacts: hasLiveResult,
  corrections: ['void_nat_result'],
  async correctable(db, personId) {
    return (await liveResultsSummary(db, personId)).map((r) => ({ type: 'void_nat_result', ...r }))
  },
  // A voided result's signed QR (LR1) stops verifying: its status bit is set in the same transaction.
  async correct(tx, personId, _type, id, reason) {
    if (!(await voidResult(tx, personId, id, reason))) return false
    await SignedResultsService.revokeIn(tx, id)
    return true
  },
}
