import { Type } from '@sinclair/typebox'
import { KeyChangeBody, KeyInfo, KeysAccess } from '../keys.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['keys and lists']
const nodeKeys = { permission: 'node:keys' } as const

/**
 * The node's signing keys and the signed lists offline verifiers fetch. The lists and the root
 * are public (a checkpoint verifies without a session); they answer `application/cose` bytes.
 */
export const KeyRoutes = {
  trustList: defineRoute({
    method: 'GET',
    path: '/api/trust-list',
    summary: 'Issuer keys, COSE_Sign1 by the federation root (application/cose)',
    response: { 200: Type.Unknown() },
    access: { public: true },
    tags,
  }),
  root: defineRoute({
    method: 'GET',
    path: '/api/trust-list/root',
    summary: 'The root key that signs trust lists (pin it)',
    response: { 200: Type.Object({ kid: Type.String(), publicKeySpki: Type.String() }) },
    access: { public: true },
    tags,
  }),
  statusList: defineRoute({
    method: 'GET',
    path: '/api/status-list',
    summary: 'Revoked / changed codes: a signed, compressed bitstring (application/cose)',
    response: { 200: Type.Unknown() },
    access: { public: true },
    tags,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/keys',
    response: { 200: Type.Array(KeyInfo) },
    access: nodeKeys,
    tags,
  }),
  access: defineRoute({
    method: 'GET',
    path: '/api/keys/access',
    summary: 'Whether the signed-in admin operates this node (may rotate and revoke its keys)',
    response: { 200: KeysAccess },
    access: nodeKeys,
    tags,
  }),
  rotate: defineRoute({
    method: 'POST',
    path: '/api/keys/rotate',
    summary: 'New active code key; the old one retires with an overlap (node operators only)',
    description:
      'Only an admin of the node region. `confirm` must repeat the active code key id and `reason` ' +
      'is required (both go to the audit trail); otherwise 400 naming what is missing.',
    body: KeyChangeBody,
    response: { 200: Type.Array(KeyInfo) },
    access: nodeKeys,
    tags,
  }),
  revoke: defineRoute({
    method: 'POST',
    path: '/api/keys/:kid/revoke',
    summary: 'Revoke a code key: the codes it signed stop verifying (node operators only)',
    description:
      'Only an admin of the node region. `confirm` must repeat the key id being revoked and ' +
      '`reason` is required; otherwise 400 naming what is missing.',
    params: Type.Object({ kid: Type.String({ pattern: '^[0-9a-f]{16}$' }) }, { additionalProperties: false }),
    body: KeyChangeBody,
    response: { 200: Type.Array(KeyInfo) },
    access: nodeKeys,
    tags,
  }),
} as const
