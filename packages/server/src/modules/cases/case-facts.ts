import type { FactSource } from '../health-codes/index.js'
import { CasesRepository } from './cases.repository.js'

const repo = new CasesRepository()

/** Cases and confirmed contacts as health-code facts (the cases domain's own tables). */
export const caseFacts: FactSource = {
  name: 'cases',
  async load(db, personIds, facts) {
    const ids = [...personIds]
    const [cases, contacts] = await Promise.all([repo.factsOfCases(db, ids), repo.factsOfContacts(db, ids)])
    for (const c of cases) {
      const since = c.onset_at ?? c.first_positive_sample_at
      if (!since) continue
      const excluded = c.status === 'excluded' || c.outcome === 'excluded'
      facts.get(c.person_id).cases.push({
        kind: c.status === 'excluded' ? 'suspected' : c.status,
        since,
        dischargedAt:
          c.outcome === 'discharged' || c.outcome === 'released' ? (c.outcome_at ?? undefined) : undefined,
        excludedAt: excluded ? (c.outcome_at ?? c.updated_at) : undefined,
      })
    }
    for (const c of contacts)
      facts.get(c.person_id).contacts.push({
        degree: c.degree,
        lastExposure: c.last_exposure_at,
      })
  },
}
