import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** The one error shape of the API: `{ error: { code, message, details } }` (docs/errors.md). */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable machine code, e.g. PERSON_NOT_FOUND' }),
      message: Type.String({ description: 'what is wrong, in words' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse' },
)
export type ErrorResponse = Static<typeof ErrorResponse>

/** Database ids are 64-bit integers, carried as decimal strings. */
export const Id = Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'numeric id as a string' })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

export const RegionCode = Type.String({
  pattern: '^[0-9]{6}([0-9]{3}){0,2}$',
  description: 'GB/T 2260 code (6 digits) or street (9) / community (12) code',
})
export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const DateTimeString = Type.String({ format: 'date-time' })

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  })

export const Ok = Type.Object({ ok: Type.Boolean() })
