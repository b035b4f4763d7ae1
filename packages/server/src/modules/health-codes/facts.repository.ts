import {
  isInRegion,
  regionPrefix,
  NO_FACTS,
  type CaseKind,
  type HealthFacts,
  type QuarantineKind,
  type QuarantineReason,
  type TripFact,
} from '@lianfang/core'
import type { Executor } from '../../db/kit.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }

const RISK_RANK = { low: 0, medium: 1, high: 2 } as const
/** How far back check-ins are read as trips (longer than any trip look-back of the presets). */
const CHECKIN_LOOKBACK_DAYS = 21
type RiskLevel = keyof typeof RISK_RANK

/**
 * Assembles each person's `HealthFacts` from the fact tables (voided rows excluded), one
 * query per table for a whole batch of persons. Trips get the risk level their area had
 * while the person was there (the highest level of any enclosing area in that period).
 */
export async function loadHealthFacts(
  db: Executor,
  personIds: readonly string[],
): Promise<Map<string, HealthFacts>> {
  const out = new Map<string, Mutable<HealthFacts>>()
  if (personIds.length === 0) return new Map()
  const get = (id: string) => {
    let f = out.get(id)
    if (!f) {
      f = {
        cases: [],
        contacts: [],
        quarantines: [],
        tests: [],
        trips: [],
        declarations: [],
        feverClinicVisits: [],
        keyGroups: [],
      }
      out.set(id, f)
    }
    return f
  }
  for (const id of personIds) get(id)
  const ids = [...personIds]

  const [decls, trips, orders, nats, visits, groups, cases, contacts] = await Promise.all([
    db
      .selectFrom('health_declarations')
      .select(['person_id', 'declared_at', 'temperature_c', 'symptoms'])
      .where('person_id', 'in', ids)
      .where('voided_at', 'is', null)
      .execute(),
    db
      .selectFrom('trips as t')
      .innerJoin('regions as r', 'r.code', 't.place_region_code')
      .select(['t.person_id', 't.place_region_code', 'r.name', 't.arrived_at', 't.left_at'])
      .where('t.person_id', 'in', ids)
      .where('t.voided_at', 'is', null)
      .execute(),
    db
      .selectFrom('quarantine_orders')
      .select(['person_id', 'kind', 'reason', 'starts_at', 'ends_at', 'released_at'])
      .where('person_id', 'in', ids)
      .where('voided_at', 'is', null)
      .execute(),
    db
      .selectFrom('nat_results')
      .select(['person_id', 'sampled_at', 'result', 'pooled'])
      .where('person_id', 'in', ids)
      .where('voided_at', 'is', null)
      .execute(),
    db
      .selectFrom('fever_clinic_visits')
      .select(['person_id', 'visited_at'])
      .where('person_id', 'in', ids)
      .where('voided_at', 'is', null)
      .execute(),
    db
      .selectFrom('key_group_memberships')
      .select(['person_id', 'grp', 'interval_days'])
      .where('person_id', 'in', ids)
      .execute(),
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
    get(c.person_id).cases.push({
      kind: c.status === 'excluded' ? 'suspected' : (c.status as CaseKind),
      since,
      dischargedAt:
        c.outcome === 'discharged' || c.outcome === 'released' ? (c.outcome_at ?? undefined) : undefined,
      excludedAt: excluded ? (c.outcome_at ?? c.updated_at) : undefined,
    })
  }
  for (const c of contacts) {
    get(c.person_id).contacts.push({
      degree: c.degree as 'close' | 'secondary',
      lastExposure: c.last_exposure_at,
    })
  }

  for (const d of decls) {
    get(d.person_id).declarations.push({
      at: d.declared_at,
      temperatureC: d.temperature_c === null ? undefined : Number(d.temperature_c),
      symptoms: d.symptoms,
    })
  }
  for (const q of orders) {
    get(q.person_id).quarantines.push({
      kind: q.kind as QuarantineKind,
      reason: q.reason as QuarantineReason,
      start: q.starts_at,
      end: q.ends_at,
      releasedAt: q.released_at ?? undefined,
    })
  }
  for (const n of nats) {
    get(n.person_id).tests.push({
      sampledAt: n.sampled_at,
      result: n.result as 'positive' | 'negative' | 'pending',
      pooled: n.pooled,
    })
  }
  for (const v of visits) get(v.person_id).feverClinicVisits.push({ at: v.visited_at })
  for (const g of groups) get(g.person_id).keyGroups.push({ group: g.grp, intervalDays: g.interval_days })

  // Risk periods (few rows) that could matter: not low, not ended before the look-back horizon.
  const horizon = new Date(Date.now() - CHECKIN_LOOKBACK_DAYS * 86_400_000)
  const periods = await db
    .selectFrom('risk_area_periods')
    .select(['region_code', 'level', 'starts_at', 'ends_at'])
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', horizon)]))
    .where('level', '!=', 'low')
    .execute()
  if (periods.length > 0) {
    // Trips derived from check-ins: being checked in at a venue inside a risk area is being there.
    const prefixes = [...new Set(periods.map((p) => regionPrefix(p.region_code)))]
    const visits = await db
      .selectFrom('checkins as c')
      .innerJoin('venues as v', 'v.id', 'c.venue_id')
      .innerJoin('regions as r', 'r.code', 'v.region_code')
      .select(['c.person_id', 'v.region_code', 'r.name', 'c.checked_in_at', 'c.checked_out_at'])
      .where('c.person_id', 'in', ids)
      .where('c.decision', '=', 'allow')
      .where('c.checked_in_at', '>', horizon)
      .where((eb) => eb.or(prefixes.map((p) => eb('v.region_code', 'like', `${p}%`))))
      .execute()
    for (const v of visits) {
      if (v.person_id === null) continue
      trips.push({
        person_id: v.person_id,
        place_region_code: v.region_code,
        name: v.name,
        arrived_at: v.checked_in_at,
        left_at: v.checked_out_at ?? v.checked_in_at,
      })
    }
  }
  if (trips.length > 0) {
    for (const t of trips) {
      let level: RiskLevel = 'low'
      for (const p of periods) {
        const overlaps = p.starts_at < t.left_at && (p.ends_at === null || p.ends_at > t.arrived_at)
        if (
          overlaps &&
          isInRegion(t.place_region_code, p.region_code) &&
          RISK_RANK[p.level as RiskLevel] > RISK_RANK[level]
        ) {
          level = p.level as RiskLevel
        }
      }
      const trip: TripFact = {
        regionCode: t.place_region_code,
        regionName: t.name,
        leftAt: t.left_at,
        riskLevel: level,
      }
      get(t.person_id).trips.push(trip)
    }
  }
  return out
}

export { NO_FACTS }
