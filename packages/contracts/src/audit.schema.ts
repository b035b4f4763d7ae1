import { Type, type Static } from '@sinclair/typebox'
import { Id, Page, PageQuery } from './common.schema.js'

export const AuditRecord = Type.Object({
  id: Id,
  at: Type.String({ format: 'date-time' }),
  actorUserId: Type.Union([Id, Type.Null()]),
  actorName: Type.String(),
  actorRole: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
})
export type AuditRecord = Static<typeof AuditRecord>

export const AuditQuery = Type.Object(
  {
    targetType: Type.Optional(Type.String({ maxLength: 50 })),
    targetId: Type.Optional(Type.String({ maxLength: 50 })),
    actorUserId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>
export const AuditPage = Page(AuditRecord)
export type AuditPage = Static<typeof AuditPage>

export const AuditBreak = Type.Object({
  id: Id,
  problem: Type.Union([Type.Literal('edited'), Type.Literal('link')], {
    description:
      "edited: the content does not match its hash; link: prev_hash is not the previous record's hash (a record was removed, inserted or re-chained)",
  }),
})
export type AuditBreak = Static<typeof AuditBreak>

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'records checked' }),
  brokenAt: Type.Union([Id, Type.Null()], { description: 'first record whose hash does not match' }),
  problem: Type.Union([Type.String(), Type.Null()], { description: 'what is wrong at brokenAt' }),
  broken: Type.Array(AuditBreak, {
    description:
      'every broken record, in chain order (each record is checked on its own; at most 1,000 listed)',
  }),
  brokenCount: Type.Integer({ description: 'how many breaks there are in all' }),
})
export type AuditVerifyResult = Static<typeof AuditVerifyResult>

/** `GET /api/audit/head?id=…`: that record's head instead of the latest (docs/audit-head.md). */
export const AuditHeadQuery = Type.Object(
  { id: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,18}$' })) },
  { additionalProperties: false },
)
export type AuditHeadQuery = Static<typeof AuditHeadQuery>
