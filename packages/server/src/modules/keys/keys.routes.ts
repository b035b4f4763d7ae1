import { Type } from '@sinclair/typebox'
import { ErrorResponse } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { KeysService } from './keys.service.js'
import type { CodeVerifier } from './code-verifier.js'

const KeyInfo = Type.Object({
  kid: Type.String(),
  purpose: Type.Union([Type.Literal('code'), Type.Literal('root')]),
  issuer: Type.String(),
  region: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired'), Type.Literal('revoked')]),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  publicKeySpki: Type.String({ description: 'base64 DER' }),
})

export const keysRoutes: RoutePlugin<{ keys: KeysService; verifier: CodeVerifier }> = async (
  app,
  { keys, verifier },
) => {
  const tags = ['keys and lists']
  app.get(
    '/api/trust-list',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Issuer keys, COSE_Sign1 by the federation root (application/cose)',
        response: { 200: Type.Unknown() },
      },
    },
    async (_req, reply) => {
      const bytes = await keys.trustList()
      return reply
        .header('content-type', 'application/cose')
        .header('cache-control', 'public, max-age=600')
        .send(Buffer.from(bytes))
    },
  )
  app.get(
    '/api/trust-list/root',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The root key that signs trust lists (pin it)',
        response: {
          200: Type.Object({ kid: Type.String(), publicKeySpki: Type.String() }),
          404: ErrorResponse,
        },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send(await keys.root()),
  )
  app.get(
    '/api/status-list',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Revoked / changed codes: a signed, compressed bitstring (application/cose)',
        response: { 200: Type.Unknown() },
      },
    },
    async (_req, reply) => {
      const bytes = await keys.statusList()
      return reply
        .header('content-type', 'application/cose')
        .header('cache-control', `public, max-age=${Math.min(60, keys.policy.statusTtlSeconds)}`)
        .send(Buffer.from(bytes))
    },
  )
  app.get(
    '/api/keys',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: { tags, response: { 200: Type.Array(KeyInfo), ...ERRORS } },
    },
    async (req) => {
      userOf(req)
      return keys.list()
    },
  )
  app.post(
    '/api/keys/rotate',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: {
        tags,
        summary: 'New active code key; the old one retires with an overlap',
        response: { 200: Type.Array(KeyInfo), ...ERRORS },
      },
    },
    async (req) => {
      const list = await keys.rotate(userOf(req))
      verifier.invalidate()
      return list
    },
  )
  app.post(
    '/api/keys/:kid/revoke',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: {
        tags,
        params: Type.Object(
          { kid: Type.String({ pattern: '^[0-9a-f]{16}$' }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          { reason: Type.String({ minLength: 4, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(KeyInfo), ...ERRORS },
      },
    },
    async (req) => {
      const list = await keys.revoke(userOf(req), req.params.kid, req.body.reason)
      verifier.invalidate()
      return list
    },
  )
}
