import { Type } from '@sinclair/typebox'
import { ErrorResponse, KeyChangeBody, KeyInfo, KeysAccess } from '@lianfang/contracts'
import { ERRORS, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { FastifyRequest } from 'fastify'
import type { KeysService } from './keys.service.js'
import type { CodeVerifier } from './code-verifier.js'

export const keysRoutes: RoutePlugin<{ keys: KeysService; verifier: CodeVerifier }> = async (
  app,
  { keys, verifier },
) => {
  const tags = ['keys and lists']
  // A key change sent without a body is checked like an empty one: 403 for a non-operator, 400
  // naming `confirm` and `reason` for an operator (rather than "body must be object").
  const emptyBodyIsEmptyObject = async (req: FastifyRequest) => {
    req.body ??= {}
  }
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
      config: { access: { permission: 'node:keys' } },
      schema: { tags, response: { 200: Type.Array(KeyInfo), ...ERRORS } },
    },
    async (req) => {
      userOf(req)
      return keys.list()
    },
  )
  app.get(
    '/api/keys/access',
    {
      config: { access: { permission: 'node:keys' } },
      schema: {
        tags,
        summary: 'Whether the signed-in admin operates this node (may rotate and revoke its keys)',
        response: { 200: KeysAccess, ...ERRORS },
      },
    },
    async (req) => ({ nodeRegion: keys.policy.region, operator: keys.isOperator(userOf(req)) }),
  )
  app.post(
    '/api/keys/rotate',
    {
      config: { access: { permission: 'node:keys' } },
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'New active code key; the old one retires with an overlap (node operators only)',
        description:
          'Only an admin of the node region. `confirm` must repeat the active code key id and `reason` ' +
          'is required (both go to the audit trail); otherwise 400 naming what is missing.',
        body: KeyChangeBody,
        response: { 200: Type.Array(KeyInfo), ...ERRORS },
      },
    },
    async (req) => {
      const list = await keys.rotate(userOf(req), req.body)
      verifier.invalidate()
      return list
    },
  )
  app.post(
    '/api/keys/:kid/revoke',
    {
      config: { access: { permission: 'node:keys' } },
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        tags,
        summary: 'Revoke a code key: the codes it signed stop verifying (node operators only)',
        description:
          'Only an admin of the node region. `confirm` must repeat the key id being revoked and ' +
          '`reason` is required; otherwise 400 naming what is missing.',
        params: Type.Object(
          { kid: Type.String({ pattern: '^[0-9a-f]{16}$' }) },
          { additionalProperties: false },
        ),
        body: KeyChangeBody,
        response: { 200: Type.Array(KeyInfo), ...ERRORS },
      },
    },
    async (req) => {
      const list = await keys.revoke(userOf(req), req.params.kid, req.body)
      verifier.invalidate()
      return list
    },
  )
}
