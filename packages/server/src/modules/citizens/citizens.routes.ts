import { CitizenRoutes, ErrorResponse } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CitizensService } from './citizens.service.js'

/** Citizen sign-up and the development SMS outbox, registered from their contracts (`CitizenRoutes`). */
export const citizensRoutes: RoutePlugin<{
  citizens: CitizensService
  otpRateLimit: number
  /** The node's region: its admins alone read messages to numbers tied to no region. */
  nodeRegion: string
}> = async (app, { citizens, otpRateLimit, nodeRegion }) => {
  // Public: rate-limited per client address (429).
  const limited = {
    rateLimit: { max: otpRateLimit, timeWindow: '1 hour' },
    errors: { 429: ErrorResponse },
  } as const
  route(app, CitizenRoutes.requestOtp, (req) => citizens.requestOtp(req.body.phone), limited)
  route(app, CitizenRoutes.register, (req) => citizens.register(req.body), limited)
  route(app, CitizenRoutes.smsOutbox, (req) =>
    citizens.smsOutbox(
      userOf(req),
      scopeOfRequest(req),
      nodeRegion,
      req.query.page ?? 1,
      req.query.pageSize ?? 20,
    ),
  )
}
