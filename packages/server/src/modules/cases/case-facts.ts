import type { FactSource } from '../health-codes/index.js'

/** Cases and confirmed contacts as health-code facts (the cases domain's own tables). */
export const caseFacts: FactSource = {
  name: 'cases',
  async load(db, personIds, facts) {
    const ids = [...personIds]
    const [cases, contacts] = await Promise.all([
      db
        .selectFrom('cases')
        .select([
          'person_id',
          'status',
          'onset_at',
          'first_positive_sample_at',
          'outcome',
          'outcome_at',
          'updated_at',
        ])
        .where('person_id', 'in', ids)
        .execute(),
      db
        .selectFrom('contacts')
        .select(['person_id', 'degree', 'last_exposure_at'])
        .where('person_id', 'in', ids)
        .where('status', '=', 'confirmed')
        .execute(),
    ])
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
