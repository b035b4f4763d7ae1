import { sql } from 'kysely'
import type { GroupMembers } from '@lianfang/core'
import type { Database } from '../../db/database.js'

/** Members listed per group: a work unit or a school of thousands is cut to the first 500 by id. */
export const GROUP_LIMIT = 500

export interface GroupIds {
  household_id: string | null
  workplace_id: string | null
  school_id: string | null
}

/** A member's name and region, read with the membership (they are most of the candidates). */
export interface MemberName {
  name: string
  region_code: string
}

const GROUPS = [
  ['household', 'household_id'],
  ['workplace', 'workplace_id'],
  ['school_class', 'school_id'],
] as const

/**
 * The members of a person's household, work unit and school class (RULES.md CC.SETTINGS 1 and 4)
 * in one statement, with their names and regions: an index scan per group
 * (`persons_household_idx`, `persons_workplace_members_idx`, `persons_school_members_idx`), the
 * first `GROUP_LIMIT` by id so that the list is always the same.
 */
export async function groupMembers(
  database: Database,
  person: GroupIds,
): Promise<{ groups: GroupMembers[]; names: Map<string, MemberName> }> {
  const present = GROUPS.flatMap(([kind, column], g) => {
    const id = person[column]
    return id ? [{ g, kind, column, id }] : []
  })
  if (present.length === 0) return { groups: [], names: new Map() }
  const parts = present.map(
    (p) =>
      sql`(select ${p.g}::int as g, id, name, region_code from persons
            where ${sql.ref(p.column)} = ${p.id} order by id limit ${GROUP_LIMIT})`,
  )
  // Prepared (`Database.prepared`): one text per combination of groups, at most seven.
  const rows = await database.prepared(
    sql<{ g: number; id: string } & MemberName>`${sql.join(parts, sql` union all `)}`.compile(database.db),
  )
  return {
    groups: present.map((p) => ({
      kind: p.kind,
      groupId: p.id,
      memberIds: rows.filter((r) => r.g === p.g).map((r) => r.id),
    })),
    names: new Map(rows.map((r) => [r.id, { name: r.name, region_code: r.region_code }])),
  }
}
