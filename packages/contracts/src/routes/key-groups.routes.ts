import { FactCreated, KeyGroupBody } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

/** 应检尽检 key groups. */
export const KeyGroupRoutes = {
  set: defineRoute({
    method: 'PUT',
    path: '/api/key-groups',
    summary: 'Put a person in a 应检尽检 key group with a test interval',
    body: KeyGroupBody,
    response: { 201: FactCreated },
    access: { permission: 'fact:declare' },
    tags: ['testing'],
  }),
} as const
