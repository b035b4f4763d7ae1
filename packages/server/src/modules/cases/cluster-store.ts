import type { Transaction } from 'kysely'
import type { Cluster, RuleSet } from '@lianfang/core'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { DB } from '../../db/schema.generated.js'
import {
  alertsOfSettings,
  caseStates,
  insertAlert,
  lockClusters,
  settingRegions,
  updateAlert,
} from './clusters.repository.js'

const DAY = 86_400_000

export const settingId = (kind: string, key: string) => `${kind}:${key}`

/**
 * Upserts the alerts of the clusters found, in the caller's transaction (serialised by an advisory
 * lock): an alert of the same setting whose cases overlap is updated — merged with any other it
 * now overlaps — and re-opened when it grew; alerts of the evaluated settings that no longer meet
 * the threshold are closed. Returns the counts and the ids touched.
 */
export async function storeClusters(
  tx: Transaction<DB>,
  audit: AuditService,
  user: SessionUser,
  rs: RuleSet,
  found: readonly Cluster[],
  evaluated: ReadonlySet<string>,
  now: Date,
): Promise<{ created: number; updated: number; closed: number; touched: string[] }> {
  const { windowDays, minCases, countAsymptomatic } = rs.params.cluster
  const version = `${rs.id}@${rs.version}`
  const touched: string[] = []
  let created = 0
  let updated = 0
  let closed = 0
  await lockClusters(tx)
  const existing = (
    await alertsOfSettings(
      tx,
      [...evaluated].map((s) => s.slice(s.indexOf(':') + 1)),
    )
  ).filter((a) => evaluated.has(settingId(a.kind, a.key)))
  const states = await caseStates(tx, [
    ...new Set([...existing.flatMap((a) => a.case_ids), ...found.flatMap((c) => c.caseIds)]),
  ])
  const counts = (id: string) => {
    const s = states.get(id)
    return s !== undefined && (s.status === 'confirmed' || (s.status === 'asymptomatic' && countAsymptomatic))
  }
  const ordered = (ids: Iterable<string>) =>
    [...new Set(ids)]
      .filter(counts)
      .sort((a, b) => (states.get(a)?.at ?? 0) - (states.get(b)?.at ?? 0) || Number(BigInt(a) - BigInt(b)))
  const span = (ids: readonly string[]) => {
    const first = new Date(states.get(ids[0] ?? '')?.at ?? now.getTime())
    const last = new Date(states.get(ids[ids.length - 1] ?? '')?.at ?? now.getTime())
    return { first_at: first, last_at: last, active_until: new Date(last.getTime() + windowDays * DAY) }
  }
  const regions = await settingRegions(
    tx,
    found.filter((c) => c.kind === 'household').map((c) => c.key),
    found.filter((c) => c.kind !== 'household').map((c) => c.key),
  )
  const matched = new Set<string>()
  for (const cluster of found) {
    const mine = new Set(cluster.caseIds)
    const overlapping = existing
      .filter(
        (a) =>
          a.kind === cluster.kind &&
          a.key === cluster.key &&
          !(a.closed_reason ?? '').startsWith('merged') &&
          a.case_ids.some((id) => mine.has(id)),
      )
      .sort((a, b) => a.first_at.getTime() - b.first_at.getTime() || Number(BigInt(a.id) - BigInt(b.id)))
    const primary = overlapping[0]
    if (!primary) {
      const ids = ordered(cluster.caseIds)
      const region = regions.get(settingId(cluster.kind === 'household' ? 'household' : 'venue', cluster.key))
      if (ids.length === 0 || region === undefined) continue
      const row = await insertAlert(tx, {
        kind: cluster.kind,
        key: cluster.key,
        region_code: region,
        first_case_id: ids[0] ?? '',
        case_ids: ids,
        ...span(ids),
        window_days: windowDays,
        min_cases: minCases,
        rule_set_version: version,
      })
      await audit.append(tx, user, {
        action: 'cluster.detected',
        targetType: 'cluster_alert',
        targetId: row.id,
        details: { kind: cluster.kind, key: cluster.key, caseIds: ids },
      })
      touched.push(row.id)
      created++
      continue
    }
    for (const a of overlapping) matched.add(a.id)
    const ids = ordered([...overlapping.flatMap((a) => a.case_ids), ...cluster.caseIds])
    const grew = ids.some((id) => !primary.case_ids.includes(id))
    const changed =
      grew ||
      ids.length !== primary.case_ids.length ||
      primary.status === 'closed' ||
      primary.rule_set_version !== version
    if (changed) {
      await updateAlert(tx, primary.id, {
        case_ids: ids,
        ...span(ids),
        window_days: windowDays,
        min_cases: minCases,
        rule_set_version: version,
        // New cases raise the alert again; a dissolved alert that is back re-opens.
        ...(grew || primary.status === 'closed' ? { status: 'open', closed_reason: null } : {}),
      })
      touched.push(primary.id)
      updated++
    }
    for (const other of overlapping.slice(1)) {
      await updateAlert(tx, other.id, { status: 'closed', closed_reason: `merged into #${primary.id}` })
      closed++
    }
  }
  // Alerts of the evaluated settings not found again: closed once they fall below the threshold.
  for (const a of existing) {
    if (matched.has(a.id) || a.status === 'closed') continue
    const ids = ordered(a.case_ids)
    if (ids.length >= minCases && ids.length === a.case_ids.length) continue
    const dissolved = ids.length < minCases
    await updateAlert(tx, a.id, {
      ...(ids.length > 0 ? { case_ids: ids, ...span(ids) } : {}),
      ...(dissolved
        ? {
            status: 'closed',
            closed_reason: `below the threshold: ${String(ids.length)} of ${String(minCases)} cases still count`,
          }
        : {}),
    })
    if (dissolved) {
      await audit.append(tx, user, {
        action: 'cluster.closed',
        targetType: 'cluster_alert',
        targetId: a.id,
        details: { remaining: ids },
      })
      closed++
    } else updated++
    touched.push(a.id)
  }
  return { created, updated, closed, touched }
}
