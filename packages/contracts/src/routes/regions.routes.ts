import { Type } from '@sinclair/typebox'
import { RegionCode } from '../common.schema.js'
import { Region, RegionNode, RegionTreeQuery } from '../regions.schema.js'
import { defineRoute } from './route-contract.js'

const tags = ['regions']

/** The region hierarchy (行政区划): for staff under their region, and public for sign-up. */
export const RegionRoutes = {
  tree: defineRoute({
    method: 'GET',
    path: '/api/regions/tree',
    summary: 'Region hierarchy under a root (default: your region)',
    query: RegionTreeQuery,
    response: { 200: RegionNode },
    access: { permission: 'region:read' },
    tags,
  }),
  publicTree: defineRoute({
    method: 'GET',
    path: '/api/citizen/regions/tree',
    summary: 'Public region tree (at most 2 levels per request), for sign-up and trip declarations',
    query: RegionTreeQuery,
    response: { 200: RegionNode },
    access: { public: true },
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/regions/:code',
    params: Type.Object({ code: RegionCode }, { additionalProperties: false }),
    response: { 200: Region },
    access: { permission: 'region:read' },
    tags,
  }),
} as const
