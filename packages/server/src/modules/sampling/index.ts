/** The sampling module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { RiskAreasService } from '../risk-areas/index.js'
import { BookingsService } from './bookings.service.js'
import { CampaignReportService } from './campaign-report.service.js'
import { CampaignsService } from './campaigns.service.js'
import { PoolAdviceService } from './pool-advice.service.js'
import { SamplingService } from './sampling.service.js'
import { SitesService } from './sites.service.js'
import { samplingRoutes } from './sampling.routes.js'

export { SamplingService, type QuarantineOrderRef, type TestOrderInput } from './sampling.service.js'
export { CampaignsService } from './campaigns.service.js'
export { PoolAdviceService } from './pool-advice.service.js'

/**
 * Nucleic-acid sampling (#17), the collection side: sampling sites and citizens' bookings
 * (TEST.WILL), screening campaigns (全员检测) and their progress, pool-size advice (POOL.WHO), and
 * test orders — `sampling.orderTests` is the port other modules place orders through.
 */
export const samplingModule = defineModule<
  { riskAreas: RiskAreasService },
  {
    sampling: SamplingService
    samplingSites: SitesService
    bookings: BookingsService
    campaigns: CampaignsService
    campaignReports: CampaignReportService
    poolAdvice: PoolAdviceService
  }
>({
  name: 'sampling',
  permissions: ['sampling:read', 'sampling:manage', 'campaign:manage', 'campaign:follow'],
  errorCodes: [
    'SLOT_INVALID',
    'SLOT_FULL',
    'BOOKING_EXISTS',
    'TRANSITION_NOT_ALLOWED',
    'POOL_SIZE_NOT_ALLOWED',
  ],
  needs: ['riskAreas'],
  services: ({ database, audit, config, riskAreas }) => {
    const campaigns = new CampaignsService(database, audit, riskAreas, config.timeZone)
    return {
      sampling: new SamplingService(database, audit, config.timeZone),
      samplingSites: new SitesService(database, audit),
      bookings: new BookingsService(database, audit, config.timeZone),
      campaigns,
      campaignReports: new CampaignReportService(database, campaigns),
      poolAdvice: new PoolAdviceService(database, riskAreas),
    }
  },
  routes: (app, s) =>
    app.register(samplingRoutes, {
      samplingSites: s.samplingSites,
      bookings: s.bookings,
      campaigns: s.campaigns,
      campaignReports: s.campaignReports,
      poolAdvice: s.poolAdvice,
      sampling: s.sampling,
    }),
})
