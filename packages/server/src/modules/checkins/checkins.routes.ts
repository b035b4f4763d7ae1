import { Type } from '@sinclair/typebox'
import {
  CreateVenueBody,
  IdParams,
  ScanBatchBody,
  ScanBatchResult,
  ScanItem,
  ScanOutcome,
  SelfCheckinBody,
  SelfCheckinResult,
  Venue,
  VenueCode,
  VenuePage,
  VenueQuery,
  VenueStats,
  VenueStatsQuery,
} from '@lianfang/contracts'
import { DomainError } from '@lianfang/core'
import { ERRORS, scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CheckinsService } from './checkins.service.js'
import type { VenuesService } from './venues.service.js'
import { posterRoutes } from './poster.routes.js'
import type { PosterService } from './poster.service.js'

export const checkinsRoutes: RoutePlugin<{
  checkins: CheckinsService
  venues: VenuesService
  posters: PosterService
}> = async (app, { checkins, venues, posters }) => {
  const tags = ['entry and exit']
  await app.register(posterRoutes, { posters })
  app.get(
    '/api/venues',
    {
      config: { access: { permission: 'venue:read' } },
      schema: { tags, querystring: VenueQuery, response: { 200: VenuePage, ...ERRORS } },
    },
    (req) => venues.list(scopeOfRequest(req), req.query),
  )
  app.post(
    '/api/venues',
    {
      config: { access: { permission: 'venue:manage' } },
      schema: { tags, body: CreateVenueBody, response: { 201: Venue, ...ERRORS } },
    },
    async (req, reply) =>
      reply.status(201).send(await venues.create(userOf(req), scopeOfRequest(req), req.body)),
  )
  app.get(
    '/api/venues/:id',
    {
      config: { access: { permission: 'venue:read' } },
      schema: { tags, params: IdParams, response: { 200: Venue, ...ERRORS } },
    },
    (req) => venues.get(scopeOfRequest(req), req.params.id),
  )
  app.post(
    '/api/venues/:id/active',
    {
      config: { access: { permission: 'venue:manage' } },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Venue, ...ERRORS },
      },
    },
    (req) => venues.setActive(userOf(req), scopeOfRequest(req), req.params.id, req.body.active),
  )
  app.get(
    '/api/venues/:id/code',
    {
      config: { access: { permission: 'venue:read' } },
      schema: {
        tags,
        summary: 'The signed venue code (场所码) for its poster',
        params: IdParams,
        response: { 200: VenueCode, ...ERRORS },
      },
    },
    (req) => venues.code(scopeOfRequest(req), req.params.id),
  )
  app.get(
    '/api/venues/:id/stats',
    {
      config: { access: { permission: 'venue:read' } },
      schema: {
        tags,
        summary: 'Entries and exits, residents vs visitors, denials, hourly',
        params: IdParams,
        querystring: VenueStatsQuery,
        response: { 200: VenueStats, ...ERRORS },
      },
    },
    (req) => venues.stats(scopeOfRequest(req), req.params.id, req.query.date),
  )
  app.post(
    '/api/gate/scan',
    {
      config: { access: { permission: 'checkin:record' } },
      schema: {
        tags,
        summary: 'One scan at a gate: verify, decide, record (idempotent by clientScanId)',
        body: ScanItem,
        response: { 200: ScanOutcome, ...ERRORS },
      },
    },
    (req) => checkins.scan(userOf(req), req.body),
  )
  app.post(
    '/api/checkins/batch',
    {
      config: { access: { permission: 'checkin:record' } },
      schema: {
        tags,
        summary:
          'A batch of scans (the offline queue): each accepted once, duplicates reported, bad items listed',
        body: ScanBatchBody,
        response: { 200: ScanBatchResult, ...ERRORS },
      },
    },
    (req) => checkins.batch(userOf(req), req.body.scans),
  )
  app.post(
    '/api/checkins/self',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'A citizen scans a venue code',
        body: SelfCheckinBody,
        response: { 200: SelfCheckinResult, ...ERRORS },
      },
    },
    async (req) => {
      const user = userOf(req)
      if (user.role !== 'citizen')
        throw new DomainError('FORBIDDEN', 'self check-in is for citizens; gates use /api/gate/scan')
      return checkins.selfCheckin(user, scopeOfRequest(req), req.body)
    },
  )
}
