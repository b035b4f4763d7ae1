import { FactCreated, NatResultBody } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

/** Nucleic-acid test results (核酸结果). */
export const TestingRoutes = {
  enterNatResult: defineRoute({
    method: 'POST',
    path: '/api/nat-results',
    summary: 'A nucleic-acid test result for a person',
    body: NatResultBody,
    response: { 201: FactCreated },
    access: { permission: 'nat:enter' },
    tags: ['testing'],
  }),
} as const
