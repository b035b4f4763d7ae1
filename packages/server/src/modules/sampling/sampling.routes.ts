import { SamplingRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import { tableFile } from '../../export/table-export.js'
import type { BookingsService } from './bookings.service.js'
import type { CampaignReportService } from './campaign-report.service.js'
import type { CampaignsService } from './campaigns.service.js'
import type { PoolAdviceService } from './pool-advice.service.js'
import type { SamplingService } from './sampling.service.js'
import type { SitesService } from './sites.service.js'

export interface SamplingRouteServices extends Record<string, unknown> {
  samplingSites: SitesService
  bookings: BookingsService
  campaigns: CampaignsService
  campaignReports: CampaignReportService
  poolAdvice: PoolAdviceService
  sampling: SamplingService
}

export const samplingRoutes: RoutePlugin<SamplingRouteServices> = async (app, s) => {
  const R = SamplingRoutes
  route(app, R.listSites, (req) => s.samplingSites.list(scopeOfRequest(req), req.query))
  route(app, R.createSite, (req) => s.samplingSites.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, R.getSite, (req) => s.samplingSites.get(scopeOfRequest(req), req.params.id))
  route(app, R.updateSite, (req) =>
    s.samplingSites.update(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, R.scanBooking, (req) => s.bookings.scan(userOf(req), scopeOfRequest(req), req.body.code))
  route(app, R.mySites, (req) => s.bookings.sitesForCitizen(userOf(req)))
  route(app, R.mySlots, (req) => s.bookings.slots(userOf(req), req.params.id, req.query.date))
  route(app, R.myBookings, (req) => s.bookings.myBookings(userOf(req)))
  route(app, R.book, (req) => s.bookings.book(userOf(req), req.body))
  route(app, R.cancelBooking, (req) => s.bookings.cancel(userOf(req), req.params.id))
  route(app, R.poolAdvice, (req) => s.poolAdvice.advise(scopeOfRequest(req), req.query))
  route(app, R.listCampaigns, (req) => s.campaigns.list(scopeOfRequest(req), req.query))
  route(app, R.createCampaign, (req) => s.campaigns.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, R.getCampaign, (req) => s.campaigns.get(scopeOfRequest(req), req.params.id))
  route(app, R.startCampaign, (req) =>
    s.campaigns.transition(userOf(req), scopeOfRequest(req), req.params.id, 'running'),
  )
  route(app, R.closeCampaign, (req) =>
    s.campaigns.transition(userOf(req), scopeOfRequest(req), req.params.id, 'closed'),
  )
  route(app, R.progress, (req) => s.campaigns.progress(scopeOfRequest(req), req.params.id))
  route(app, R.missing, (req) =>
    s.campaigns.missing(userOf(req), scopeOfRequest(req), req.params.id, req.query),
  )
  route(app, R.markUnreachable, (req) =>
    s.campaigns.markUnreachable(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, R.report, (req) => s.campaignReports.report(scopeOfRequest(req), req.params.id))
  // A file, not JSON: the handler sets its type and download name and returns its bytes.
  route(
    app,
    R.reportExport,
    async (req, reply) =>
      tableFile(
        reply,
        `campaign-${req.params.id}-report`,
        await s.campaignReports.table(scopeOfRequest(req), req.params.id),
        req.query.format,
      ),
    { produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  )
  route(app, R.testOrders, (req) => s.sampling.list(userOf(req), scopeOfRequest(req), req.query))
}
