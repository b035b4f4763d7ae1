/** The citizens module's public entry: other code imports it from here only (#15; lint-enforced). */
import { defineModule } from '../../kernel/module.js'
import { PiiCipher } from '../../crypto/pii-cipher.js'
import type { SessionService } from '../../auth/sessions.js'
import { CitizensService } from './citizens.service.js'
import { citizensRoutes } from './citizens.routes.js'
import { DevelopmentSmsSender, HttpSmsSender, type SmsSender } from './sms-sender.js'

export { CitizensService } from './citizens.service.js'
export { citizensRoutes } from './citizens.routes.js'
export { DevelopmentSmsSender, HttpSmsSender, type SmsSender } from './sms-sender.js'

/** Provides the node's SMS sender too (key-group reminders send through it: docs/sms.md). */
export const citizensModule = defineModule<
  { sessions: SessionService },
  { citizens: CitizensService; sms: SmsSender }
>({
  name: 'citizens',
  permissions: ['sms:read'],
  errorCodes: ['OTP_INVALID', 'IDENTITY_NOT_VERIFIED'],
  needs: ['sessions'],
  services: ({ database, cipher, audit, config, logger, sessions }) => {
    const sms: SmsSender = config.smsGatewayUrl
      ? new HttpSmsSender(config.smsGatewayUrl, config.smsGatewayToken)
      : new DevelopmentSmsSender(database, () => logger.current)
    return {
      sms,
      citizens: new CitizensService(
        database,
        cipher,
        audit,
        sms,
        sessions,
        PiiCipher.derive(config.masterSecret, 'otp-hmac'),
      ),
    }
  },
  routes: (app, { citizens, config }, { otpRateLimit }) =>
    app.register(citizensRoutes, { citizens, otpRateLimit, nodeRegion: config.nodeRegion }),
})
