import { CONTROL_KINDS, type InvestigationCandidate } from '@lianfang/contracts'
import type { Executor } from '../../db/kit.js'
import type { InvestigationRepository } from './investigation.repository.js'

export type CandidateControl = InvestigationCandidate['control']

/**
 * Who of these persons (the caller's region only: another region's measures are its own) is
 * under control already — an open case, a confirmed contact of this case, an isolation order
 * running now — the strongest kind (`CONTROL_KINDS`) each, with when it began.
 */
export async function underControl(
  db: Executor,
  repo: InvestigationRepository,
  caseId: string,
  personIds: readonly string[],
): Promise<Map<string, NonNullable<CandidateControl>>> {
  const rows = await repo.controlOf(db, caseId, personIds, new Date())
  const out = new Map<string, NonNullable<CandidateControl>>()
  for (const r of rows) {
    const kept = out.get(r.person_id)
    if (kept && CONTROL_KINDS.indexOf(kept.kind) <= CONTROL_KINDS.indexOf(r.kind)) continue
    out.set(r.person_id, { kind: r.kind, since: new Date(r.since).toISOString() })
  }
  return out
}
