/** The tubes module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import type { JobsRuntime } from '../../jobs/index.js'
import type { DefinedImport } from '../../import/define-import.js'
import type { ColourService } from '../health-codes/index.js'
import type { CodeVerifier, KeysService } from '../keys/index.js'
import type { SmsSender } from '../citizens/index.js'
import type { CasesService } from '../cases/index.js'
import type { TestingService } from '../testing/index.js'
import type { SamplingService } from '../sampling/index.js'
import { TubesService } from './tubes.service.js'
import { LabsService } from './labs.service.js'
import { ALERT_TOPIC, LabResultsService, ResultsWriter } from './results.service.js'
import { labResultsImport } from './results.import.js'
import { TestAlertsService } from './alerts.service.js'
import { tubesRoutes } from './tubes.routes.js'

export { TubesService } from './tubes.service.js'
export { LabsService } from './labs.service.js'
export { ResultsWriter, LabResultsService, ALERT_TOPIC, type ResampleOrders } from './results.service.js'
export { TestAlertsService, alertText } from './alerts.service.js'
export { labResultsImport, LabResultRow, instantOf } from './results.import.js'

/**
 * Tubes and pools, shipments, labs and their results (issue #17, RULES POOL.*). Results in bulk
 * come through the import pipeline: the module provides the `lab-results` import, composed into
 * the imports module. Re-sample orders (单管单采) go through the sampling module's `orderTests`.
 */
export const tubesModule = defineModule<
  {
    colours: ColourService
    testing: TestingService
    cases: CasesService
    sms: SmsSender
    verifier: CodeVerifier
    keys: KeysService
    jobs: JobsRuntime
    sampling: SamplingService
  },
  {
    tubes: TubesService
    labs: LabsService
    labResults: LabResultsService
    labResultsWriter: ResultsWriter
    labResultsImport: DefinedImport
    testAlerts: TestAlertsService
  }
>({
  name: 'tubes',
  permissions: ['tube:register', 'lab:manage', 'lab:work', 'testalert:read'],
  errorCodes: ['POOL_SIZE_NOT_ALLOWED', 'TUBE_FULL', 'TUBE_EXISTS', 'PERSON_IN_OTHER_TUBE', 'TUBE_STATE'],
  needs: ['colours', 'testing', 'cases', 'sms', 'verifier', 'keys', 'jobs', 'sampling'],
  services: ({
    database,
    audit,
    cipher,
    config,
    colours,
    testing,
    cases,
    sms,
    verifier,
    keys,
    jobs,
    sampling,
  }) => {
    const labs = new LabsService(database, audit)
    const writer = new ResultsWriter(testing, colours, jobs, config.timeZone, sampling)
    return {
      tubes: new TubesService(database, audit, cipher, verifier, keys),
      labs,
      labResults: new LabResultsService(database, audit, writer, (tx, user) => labs.labsOf(tx, user)),
      labResultsWriter: writer,
      labResultsImport: labResultsImport(
        writer,
        (tx, ctx) =>
          'id' in ctx.actor
            ? labs.labsOf(tx, ctx.actor)
            : labs.labsOf(tx, { id: '0', role: 'admin', regionCode: ctx.scopeRegion }),
        config.timeZone,
      ),
      testAlerts: new TestAlertsService(database, audit, sms, cases),
    }
  },
  routes: (app, { tubes, labs, labResults, testAlerts }) =>
    app.register(tubesRoutes, { tubes, labs, labResults, testAlerts }),
  jobs: (jobs, { testAlerts }) => {
    jobs.handle<{ alertId: string }>(ALERT_TOPIC, async (payload) => testAlerts.deliver(payload.alertId))
  },
})
