import { Type, type Static } from '@sinclair/typebox'

/** One of the node's signing keys, as `GET /api/keys` lists it (public parts only). */
export const KeyInfo = Type.Object({
  kid: Type.String(),
  purpose: Type.Union([Type.Literal('code'), Type.Literal('root')]),
  issuer: Type.String(),
  region: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired'), Type.Literal('revoked')]),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  publicKeySpki: Type.String({ description: 'base64 DER' }),
})
export type KeyInfo = Static<typeof KeyInfo>

/**
 * The confirmation step of a key change: `confirm` repeats the key id that the change retires
 * (rotate: the active code key; revoke: the key revoked), and `reason` goes to the audit trail.
 * Both are optional in the schema so that the service can answer 403 to a non-operator before
 * anything else, and 400 naming what is missing to an operator.
 */
export const KeyChangeBody = Type.Object(
  {
    confirm: Type.Optional(Type.String({ maxLength: 64 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type KeyChangeBody = Static<typeof KeyChangeBody>

/** Whether the signed-in user may change the node's keys, and why not. */
export const KeysAccess = Type.Object({
  nodeRegion: Type.String(),
  operator: Type.Boolean({ description: 'an admin of the node region: may rotate and revoke' }),
})
export type KeysAccess = Static<typeof KeysAccess>

/** The audit chain's head as the node signs it (`GET /api/audit/head`). */
export const SignedAuditHead = Type.Object({
  jws: Type.String({ description: 'JWS compact serialisation (RFC 7515), ES256, by the node issuer key' }),
  kid: Type.String({ description: 'hex key id of the signing key (in the trust list)' }),
  head: Type.Object({
    node: Type.String(),
    at: Type.String({ format: 'date-time' }),
    id: Type.Union([Type.String(), Type.Null()], {
      description: 'latest audit record id; null: empty chain',
    }),
    hash: Type.String({ description: 'that record hash (hex); the genesis hash for an empty chain' }),
  }),
})
export type SignedAuditHead = Static<typeof SignedAuditHead>
