import { Type } from '@sinclair/typebox'
import { FactCreated } from '../health-codes.schema.js'
import { IdParams } from '../common.schema.js'
import { NatResultVerification, ResultQrBody, SignedNatResult } from '../signed-results.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['testing']

/** Signed test results (LR1): shown by citizens, verified anywhere, imported across regions (结果互认). */
export const SignedResultRoutes = {
  mine: defineRoute({
    method: 'GET',
    path: '/api/me/nat-results',
    summary: 'My test results, newest first, each final one with its signed LR1 QR text',
    response: { 200: Type.Array(SignedNatResult) },
    access: { authenticated: true },
    tags,
  }),
  importMine: defineRoute({
    method: 'POST',
    path: '/api/me/nat-results/import',
    summary: 'Add a signed result from another node (verified against the trust list)',
    description:
      'The QR must verify (else 400 RESULT_INVALID with `details.stage`); a result of this node must ' +
      'be the caller’s own (it is already listed: 409), another node’s must carry the caller’s masked ' +
      'name (else 403 RESULT_NOT_YOURS); a result imported before answers 409 RESULT_EXISTS.',
    body: ResultQrBody,
    response: { 201: FactCreated },
    access: { authenticated: true },
    tags,
  }),
  verify: defineRoute({
    method: 'POST',
    path: '/api/nat-results/verify',
    summary: 'Verify a presented LR1 result against the trust list (as an offline verifier would)',
    body: ResultQrBody,
    response: { 200: NatResultVerification },
    access: { permission: 'code:verify' },
    tags,
  }),
  ofPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/nat-results',
    summary: 'A person’s results with their signed QR texts (to print for someone without a phone)',
    params: IdParams,
    response: { 200: Type.Array(SignedNatResult) },
    access: { permission: 'person:read' },
    tags,
  }),
} as const
