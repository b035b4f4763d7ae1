import { deadline } from '@lianfang/core'
import type { CaseDeadline, CaseRecord } from '@lianfang/contracts'
import type { CasesRepository } from './cases.repository.js'

type CaseWithName = NonNullable<Awaited<ReturnType<CasesRepository['findWithName']>>>
type HistoryRow = Awaited<ReturnType<CasesRepository['history']>>[number]

const iso = (d: Date | null) => d?.toISOString() ?? null

/** A CASE.REPORT clock as the API gives it (core `deadline`, from the due time kept on the case). */
function clock(dueAt: Date, doneAt: Date | null, now: Date): CaseDeadline {
  const d = deadline(dueAt, doneAt ?? undefined, now)
  return { dueAt: d.dueAt.toISOString(), doneAt: iso(doneAt), overdue: d.overdue }
}

/** A case row, its person's name and its history, as the API gives them. */
export function toCaseRecord(c: CaseWithName, history: readonly HistoryRow[], now: Date): CaseRecord {
  return {
    id: c.id,
    personId: c.person_id,
    personName: c.person_name,
    regionCode: c.region_code,
    status: c.status,
    severity: c.severity,
    origin: c.origin,
    onsetAt: iso(c.onset_at),
    firstPositiveSampleAt: iso(c.first_positive_sample_at),
    isolatedAt: iso(c.isolated_at),
    isolationPlace: c.isolation_place,
    outcome: c.outcome,
    outcomeAt: iso(c.outcome_at),
    diagnosedAt: iso(c.diagnosed_at),
    reportedAt: c.created_at.toISOString(),
    investigationCompletedAt: iso(c.investigation_completed_at),
    deadlines: {
      report: clock(c.report_due_at, c.created_at, now),
      investigation: clock(c.investigation_due_at, c.investigation_completed_at, now),
    },
    version: c.version,
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      severity: h.severity,
      reason: h.reason,
      at: h.at.toISOString(),
    })),
  }
}
