import type { FactSource } from './fact-sources.js'
import { DeclarationsRepository, VOIDABLE } from './declarations.repository.js'

const repo = new DeclarationsRepository()

/**
 * The facts health codes own themselves: health declarations, declared trips and fever-clinic
 * visits (voided rows excluded). Trips start as low risk; the risk-area module grades them.
 */
export const declarationFacts: FactSource = {
  name: 'declarations',
  async load(db, personIds, facts) {
    const [decls, trips, visits] = await Promise.all([
      repo.declarationsOf(db, personIds),
      repo.tripsOf(db, personIds),
      repo.feverClinicVisitsOf(db, personIds),
    ])
    for (const d of decls)
      facts.get(d.person_id).declarations.push({
        at: d.declared_at,
        temperatureC: d.temperature_c === null ? undefined : Number(d.temperature_c),
        symptoms: d.symptoms,
      })
    for (const t of trips)
      facts.get(t.person_id).trips.push({
        regionCode: t.place_region_code,
        regionName: t.name,
        arrivedAt: t.arrived_at,
        leftAt: t.left_at,
        riskLevel: 'low',
      })
    for (const v of visits) facts.get(v.person_id).feverClinicVisits.push({ at: v.visited_at })
  },
  hasFacts: () => repo.hasFacts(),
  corrections: Object.keys(VOIDABLE),
  async correctable(db, personId) {
    return (await repo.correctable(db, personId)).map((r) => ({ ...r, at: new Date(r.at) }))
  },
  correct: (tx, personId, type, id, reason) =>
    repo.void(tx, VOIDABLE[type as keyof typeof VOIDABLE], personId, id, reason),
}
