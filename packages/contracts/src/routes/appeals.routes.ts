import { Type } from '@sinclair/typebox'
import { IdParams } from '../common.schema.js'
import { Appeal, AppealBody, AppealPage, AppealQuery, DecideAppealBody } from '../health-codes.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['appeals']

/** Appeals against a colour (纠错): filed by citizens, reviewed in their region. */
export const AppealRoutes = {
  file: defineRoute({
    method: 'POST',
    path: '/api/appeals',
    summary: 'Contest my colour (纠错)',
    body: AppealBody,
    response: { 201: Appeal },
    access: { authenticated: true },
    tags,
  }),
  mine: defineRoute({
    method: 'GET',
    path: '/api/appeals/mine',
    response: { 200: Type.Array(Appeal) },
    access: { authenticated: true },
    tags,
  }),
  queue: defineRoute({
    method: 'GET',
    path: '/api/appeals',
    summary: 'Review queue of my region',
    query: AppealQuery,
    response: { 200: AppealPage },
    access: { permission: 'appeal:review' },
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/appeals/:id',
    params: IdParams,
    response: { 200: Appeal },
    access: { permission: 'appeal:review' },
    tags,
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/api/appeals/:id/decide',
    summary: 'Accept (with corrections) or reject',
    params: IdParams,
    body: DecideAppealBody,
    response: { 200: Appeal },
    access: { permission: 'appeal:review' },
    tags,
  }),
} as const
