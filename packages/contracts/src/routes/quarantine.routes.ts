import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import { CreateQuarantineOrderBody, QuarantineOrder } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['quarantine']
const access = { permission: 'quarantine:manage' } as const

/** Quarantine orders (隔离令): issued, listed per person, released. */
export const QuarantineRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/quarantine-orders',
    body: CreateQuarantineOrderBody,
    response: { 201: QuarantineOrder },
    access,
    tags,
  }),
  ofPerson: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/quarantine-orders',
    params: IdParams,
    response: { 200: Type.Array(QuarantineOrder) },
    access,
    tags,
  }),
  release: defineRoute({
    method: 'POST',
    path: '/api/quarantine-orders/:id/release',
    params: IdParams,
    response: { 200: QuarantineOrder },
    access,
    tags,
  }),
} as const
