import type { RuleSetParams } from '../rules/rule-set.js'
import type { CaseKind } from '../rules/health-facts.js'
import { DAY_MS, isValidDate } from './time.js'

/** A case as cluster detection sees it: its date and the settings it is linked to. */
export interface ClusterCase {
  readonly caseId: string
  readonly personId: string
  /** Onset (symptomatic) or first positive sampling (asymptomatic). */
  readonly onsetOrSampleAt: Date
  readonly kind: CaseKind
  readonly links: {
    readonly household?: string
    readonly workplace?: string
    readonly school?: string
    /** Venues of a common exposure (check-ins inside the case's exposure window). */
    readonly venues: readonly string[]
  }
}

export type ClusterKind = 'household' | 'workplace' | 'school' | 'venue'

export interface Cluster {
  readonly kind: ClusterKind
  /** The household / work unit / school / venue id. */
  readonly key: string
  /** Sorted by date, then case id; at least `params.cluster.minCases`. */
  readonly caseIds: string[]
  readonly firstAt: Date
  readonly lastAt: Date
  /** The last case is less than `windowDays` before `now` (RISK.HIGH looks at recent clusters). */
  readonly active: boolean
}

interface Dated {
  readonly caseId: string
  readonly personId: string
  readonly at: number
}

const byDate = (a: Dated, b: Dated): number =>
  a.at - b.at || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)

/**
 * Clusters (聚集性疫情, RULES.md §A9): within `params.cluster.windowDays` days (strictly less
 * than that many 24-hour days between the first and the last case), in one small setting — a
 * household, work unit, school or venue — at least `params.cluster.minCases` cases:
 * CLUSTER.FK5-6 ≥2 in 14 days, CLUSTER.FK7 (and FK8, [U]) ≥5, CLUSTER.FK9 ≥2 in 7 days.
 *
 * Confirmed cases always count; asymptomatic infections only with `params.cluster.countAsymptomatic`;
 * suspected cases never (they are not yet cases, §A9 counts "confirmed cases or asymptomatic
 * infections"). A person counts once per setting (their earliest case). Cases dated after `now`
 * are ignored. Qualifying windows that share cases merge into one cluster, so a steady chain of
 * cases in one setting is one cluster and quiet gaps longer than the window split it. Ordered by
 * first date, kind, key.
 */
export function detectClusters(cases: readonly ClusterCase[], params: RuleSetParams, now: Date): Cluster[] {
  const { windowDays, minCases, countAsymptomatic } = params.cluster
  const span = windowDays * DAY_MS
  const nowMs = now.getTime()
  const need = Math.max(1, Math.ceil(minCases))
  const settings = new Map<string, { kind: ClusterKind; key: string; byPerson: Map<string, Dated> }>()
  const add = (kind: ClusterKind, key: string | undefined, d: Dated) => {
    if (key === undefined || key === '') return
    const id = `${kind}\u0000${key}`
    let s = settings.get(id)
    if (!s) {
      s = { kind, key, byPerson: new Map() }
      settings.set(id, s)
    }
    const prev = s.byPerson.get(d.personId)
    if (!prev || byDate(d, prev) < 0) s.byPerson.set(d.personId, d)
  }

  for (const c of cases) {
    if (c.kind === 'suspected' || (c.kind === 'asymptomatic' && !countAsymptomatic)) continue
    if (!isValidDate(c.onsetOrSampleAt) || c.onsetOrSampleAt.getTime() > nowMs) continue
    const d: Dated = { caseId: c.caseId, personId: c.personId, at: c.onsetOrSampleAt.getTime() }
    add('household', c.links.household, d)
    add('workplace', c.links.workplace, d)
    add('school', c.links.school, d)
    for (const v of new Set(c.links.venues)) add('venue', v, d)
  }

  const out: Cluster[] = []
  for (const { kind, key, byPerson } of settings.values()) {
    if (byPerson.size < need) continue
    const list = [...byPerson.values()].sort(byDate)
    let runStart = -1
    let runEnd = -1
    const flush = () => {
      if (runStart < 0) return
      const members = list.slice(runStart, runEnd + 1)
      const first = members[0]
      const last = members[members.length - 1]
      if (first && last) {
        out.push({
          kind,
          key,
          caseIds: members.map((m) => m.caseId),
          firstAt: new Date(first.at),
          lastAt: new Date(last.at),
          active: nowMs - last.at < span,
        })
      }
    }
    // Two pointers: j is the last case less than `span` after case i.
    let j = 0
    for (let i = 0; i < list.length; i++) {
      const start = list[i]?.at ?? 0
      if (j < i) j = i
      while (j + 1 < list.length && (list[j + 1]?.at ?? Infinity) - start < span) j++
      if (j - i + 1 < need) continue
      if (runStart >= 0 && i <= runEnd) runEnd = Math.max(runEnd, j)
      else {
        flush()
        runStart = i
        runEnd = j
      }
    }
    flush()
  }
  const kindOrder: Record<ClusterKind, number> = { household: 0, workplace: 1, school: 2, venue: 3 }
  return out.sort(
    (a, b) =>
      a.firstAt.getTime() - b.firstAt.getTime() ||
      kindOrder[a.kind] - kindOrder[b.kind] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
}
