import { Type } from '@sinclair/typebox'
import { RiskAreaPeriod, SetRiskLevelBody } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

/** Area risk levels (风险区域). */
export const RiskAreaRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/risk-areas',
    response: { 200: Type.Array(RiskAreaPeriod) },
    access: { permission: 'region:read' },
    tags: ['risk areas'],
  }),
  setLevel: defineRoute({
    method: 'POST',
    path: '/api/risk-areas',
    summary: 'Set an area risk level from a time on',
    body: SetRiskLevelBody,
    response: { 201: RiskAreaPeriod },
    access: { permission: 'risk:manage' },
    tags: ['risk areas'],
  }),
} as const
