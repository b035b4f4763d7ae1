import { Type, type Static } from '@sinclair/typebox'
import { REGION_LEVELS } from '@lianfang/core'
import { RegionCode } from './common.schema.js'

export const RegionLevelSchema = Type.Union(REGION_LEVELS.map((l) => Type.Literal(l)))

export interface RegionNode {
  code: string
  name: string
  level: (typeof REGION_LEVELS)[number]
  synthetic: boolean
  children: RegionNode[]
}

export const RegionNode = Type.Recursive(
  (This) =>
    Type.Object({
      code: RegionCode,
      name: Type.String(),
      level: RegionLevelSchema,
      synthetic: Type.Boolean(),
      children: Type.Array(This),
    }),
  { $id: 'RegionNode' },
)

export const RegionTreeQuery = Type.Object(
  {
    root: Type.Optional(RegionCode),
    depth: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, default: 4 })),
  },
  { additionalProperties: false },
)
export type RegionTreeQuery = Static<typeof RegionTreeQuery>

export const Region = Type.Object({
  code: RegionCode,
  parentCode: Type.Union([RegionCode, Type.Null()]),
  name: Type.String(),
  level: RegionLevelSchema,
  synthetic: Type.Boolean(),
})
export type Region = Static<typeof Region>
