import { sql } from 'kysely'
import { isLargeUnit, type GroupMembers } from '@lianfang/core'
import type { InvestigationGroup } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'

/**
 * The groups of a person: their household, and their work unit and class — the office, workshop,
 * team or classroom inside the employer or school (`work_units`), never the whole employer or
 * school. A person without a unit has no workplace (class) group.
 */
export interface GroupIds {
  household_id: string | null
  work_unit_id: string | null
  class_unit_id: string | null
}

/** A member's name and region, read with the membership (they are most of the candidates). */
export interface MemberName {
  name: string
  region_code: string
}

const GROUPS = [
  ['household', 'household_id'],
  ['workplace', 'work_unit_id'],
  ['school_class', 'class_unit_id'],
] as const

/**
 * The members of a person's household, work unit and class (RULES.md CC.SETTINGS 1 and 4) in one
 * statement, with their names and regions: an index scan per group (`persons_household_idx`,
 * `persons_work_unit_members_idx`, `persons_class_unit_members_idx`), every member in id order —
 * no cut: a large unit is listed whole and flagged (`units[].large`, core `isLargeUnit`), so that
 * the investigator checks with the employer which team the case was really in. `units` describes
 * the work unit and the class (name, size) for the answer.
 */
export async function groupMembers(
  database: Database,
  person: GroupIds,
): Promise<{ groups: GroupMembers[]; names: Map<string, MemberName>; units: InvestigationGroup[] }> {
  const present = GROUPS.flatMap(([kind, column], g) => {
    const id = person[column]
    return id ? [{ g, kind, column, id }] : []
  })
  if (present.length === 0) return { groups: [], names: new Map(), units: [] }
  const parts = present.map((p) =>
    p.kind === 'household'
      ? sql`(select ${p.g}::int as g, id, name, region_code, null::text as unit_name from persons
            where household_id = ${p.id} order by id)`
      : sql`(select ${p.g}::int as g, id, name, region_code,
              (select u.name from work_units u where u.id = ${p.id}) as unit_name from persons
            where ${sql.ref(p.column)} = ${p.id} order by id)`,
  )
  // Prepared (`Database.prepared`): one text per combination of groups, at most seven.
  const rows = await database.prepared(
    sql<
      { g: number; id: string; unit_name: string | null } & MemberName
    >`${sql.join(parts, sql` union all `)}`.compile(database.db),
  )
  const groups = present.map((p) => ({
    kind: p.kind,
    groupId: p.id,
    memberIds: rows.filter((r) => r.g === p.g).map((r) => r.id),
  }))
  const units = present.flatMap((p, i): InvestigationGroup[] => {
    if (p.kind === 'household') return []
    const members = groups[i]?.memberIds.length ?? 0
    const name = rows.find((r) => r.g === p.g)?.unit_name ?? ''
    return [{ rule: p.kind, groupId: p.id, name, members, large: isLargeUnit(members) }]
  })
  return {
    groups,
    names: new Map(rows.map((r) => [r.id, { name: r.name, region_code: r.region_code }])),
    units,
  }
}
