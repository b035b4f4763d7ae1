import type { InvestigationCandidate } from '@lianfang/contracts'

/**
 * The candidate groups of an investigation, strongest rule first (core `RULE_STRENGTH`): living
 * together (CC.SETTINGS 1), the seat rules that place someone next to the case or in the same
 * cabin or compartment (CC.TRANSPORT.*), the work unit or class (CC.SETTINGS 4), the whole carriage
 * or vehicle, and co-presence at a venue (CC.SETTINGS 5; general contacts taken in, GC.DEF).
 */
export const CANDIDATE_GROUPS = ['household', 'seat', 'unit', 'conveyance', 'venue'] as const
export type CandidateGroup = (typeof CANDIDATE_GROUPS)[number]

const GROUP_OF_RULE: Readonly<Record<string, CandidateGroup>> = {
  household: 'household',
  plane_rows: 'seat',
  train_bay: 'seat',
  bus_rows: 'seat',
  ship_cabin: 'seat',
  workplace: 'unit',
  school_class: 'unit',
  train_carriage: 'conveyance',
  bus_vehicle: 'conveyance',
  venue_overlap: 'venue',
  venue_copresence_general: 'venue',
}

/** The group of a candidate: that of its strongest reason. */
export function candidateGroup(c: Pick<InvestigationCandidate, 'strongest'>): CandidateGroup {
  return GROUP_OF_RULE[c.strongest.rule] ?? 'venue'
}

/** How many candidates each group holds (every group present, zero or not). */
export function countByGroup(
  rows: readonly Pick<InvestigationCandidate, 'strongest'>[],
): Record<CandidateGroup, number> {
  const counts: Record<CandidateGroup, number> = { household: 0, seat: 0, unit: 0, conveyance: 0, venue: 0 }
  for (const r of rows) counts[candidateGroup(r)] += 1
  return counts
}
