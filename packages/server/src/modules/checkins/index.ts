/** The check-ins module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import type { ColourService } from '../health-codes/index.js'
import { CheckinWriter } from './checkin-writer.js'
import { CheckinsService } from './checkins.service.js'
import { CheckinsRepository } from './checkins.repository.js'
import { VenuesService } from './venues.service.js'
import { PosterService } from './poster.service.js'
import { checkinsRoutes } from './checkins.routes.js'
import { registerRetentionJob } from './retention.js'

export { CheckinWriter } from './checkin-writer.js'
export { CheckinsService } from './checkins.service.js'
export { VenuesService } from './venues.service.js'
export { PosterService } from './poster.service.js'
export { checkinsRoutes } from './checkins.routes.js'
export { dropExpiredCheckinPartitions, registerRetentionJob } from './retention.js'

export const checkinsModule = defineModule<
  { colours: ColourService; verifier: CodeVerifier; keys: KeysService },
  { checkinWriter: CheckinWriter; checkins: CheckinsService; venues: VenuesService; posters: PosterService }
>({
  name: 'checkins',
  permissions: ['checkin:record', 'venue:read', 'venue:manage'],
  errorCodes: ['ID_NUMBER_INVALID', 'SERVER_BUSY', 'VENUE_TRANSPORT_NOT_APPLICABLE'],
  needs: ['colours', 'verifier', 'keys'],
  services: ({ database, audit, cipher, config, logger, colours, verifier, keys }) => {
    const checkinWriter = new CheckinWriter(database, audit)
    const checkins = new CheckinsService(
      database,
      cipher,
      colours,
      verifier,
      keys,
      checkinWriter,
      config.checkinRetentionDays,
    )
    const venues = new VenuesService(
      database,
      audit,
      keys,
      (id) => {
        checkins.forgetVenue(id)
      },
      config.timeZone,
    )
    const posters = new PosterService(venues, keys, () => logger.current, {
      ...config.posters,
      timeZone: config.timeZone,
    })
    return { checkinWriter, checkins, venues, posters }
  },
  routes: (app, { checkins, venues, posters }) => app.register(checkinsRoutes, { checkins, venues, posters }),
  jobs: (jobs, { database, audit, checkinWriter, config }, log) => {
    registerRetentionJob(
      jobs,
      { database, audit, checkinWriter, retentionDays: config.checkinRetentionDays },
      log,
    )
  },
})

const CHECKINS = new CheckinsRepository()

/**
 * Allowed check-ins of these persons since `since` at venues inside any of the region prefixes:
 * the trips the risk-areas module grades (`CheckinsRepository.visitsInAreas`).
 */
export const checkinVisitsInAreas: CheckinsRepository['visitsInAreas'] = (db, personIds, prefixes, since) =>
  CHECKINS.visitsInAreas(db, personIds, prefixes, since)
