import { CheckinRoutes } from '@lianfang/contracts'
import { DomainError } from '@lianfang/core'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CheckinsService } from './checkins.service.js'
import type { VenuesService } from './venues.service.js'
import { posterRoutes } from './poster.routes.js'
import type { PosterService } from './poster.service.js'

/** Venues, gate scans and check-ins, registered from their contracts (`CheckinRoutes`). */
export const checkinsRoutes: RoutePlugin<{
  checkins: CheckinsService
  venues: VenuesService
  posters: PosterService
}> = async (app, { checkins, venues, posters }) => {
  await app.register(posterRoutes, { posters })
  route(app, CheckinRoutes.listVenues, (req) => venues.list(scopeOfRequest(req), req.query))
  route(app, CheckinRoutes.createVenue, (req) => venues.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, CheckinRoutes.getVenue, (req) => venues.get(scopeOfRequest(req), req.params.id))
  route(app, CheckinRoutes.patchVenue, (req) =>
    venues.patch(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, CheckinRoutes.setVenueActive, (req) =>
    venues.setActive(userOf(req), scopeOfRequest(req), req.params.id, req.body.active),
  )
  route(app, CheckinRoutes.venueCode, (req) => venues.code(scopeOfRequest(req), req.params.id))
  route(app, CheckinRoutes.venueStats, (req) =>
    venues.stats(scopeOfRequest(req), req.params.id, req.query.date),
  )
  route(app, CheckinRoutes.gateScan, (req) => checkins.scan(userOf(req), req.body))
  route(app, CheckinRoutes.batch, (req) => checkins.batch(userOf(req), req.body.scans))
  route(app, CheckinRoutes.self, (req) => {
    const user = userOf(req)
    if (user.role !== 'citizen')
      throw new DomainError('FORBIDDEN', 'self check-in is for citizens; gates use /api/gate/scan')
    return checkins.selfCheckin(user, scopeOfRequest(req), req.body)
  })
}
