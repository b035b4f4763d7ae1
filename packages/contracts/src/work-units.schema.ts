import { Type, type Static } from '@sinclair/typebox'
import { WORK_UNIT_KINDS } from '@lianfang/core'
import { DateTimeString, Id, RegionCode } from './common.schema.js'

/** The kinds of unit (core `WORK_UNIT_KINDS`, RULES.md CC.SETTINGS 4). */
export const WorkUnitKindSchema = Type.Union(WORK_UNIT_KINDS.map((k) => Type.Literal(k)))

/**
 * A work unit or school class (RULES.md CC.SETTINGS 4: the same office, workshop, team or
 * classroom): a part of one employer or school (`venueId`), in its region.
 */
export const WorkUnit = Type.Object({
  id: Id,
  venueId: Id,
  regionCode: RegionCode,
  kind: WorkUnitKindSchema,
  name: Type.String(),
  /** Persons whose work unit or class this is. */
  members: Type.Integer({ minimum: 0 }),
  createdAt: DateTimeString,
})
export type WorkUnit = Static<typeof WorkUnit>

export const WorkUnitList = Type.Object({ venueId: Id, items: Type.Array(WorkUnit) })
export type WorkUnitList = Static<typeof WorkUnitList>

export const CreateWorkUnitBody = Type.Object(
  {
    kind: WorkUnitKindSchema,
    /** Unique within the venue: rosters name a unit by it. */
    name: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
)
export type CreateWorkUnitBody = Static<typeof CreateWorkUnitBody>
