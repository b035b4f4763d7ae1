import { defineModule } from '../kernel/module.js'
import { PiiCipher } from '../crypto/pii-cipher.js'
import type { RegionsRepository } from '../modules/regions/index.js'
import { SessionService } from './sessions.js'
import { AuthService } from './auth.service.js'
import { authRoutes } from './auth.routes.js'

/** Sessions, sign-in and accounts (the guard itself is installed by the app before any module's routes). */
export const authModule = defineModule<
  { regionsRepo: RegionsRepository },
  { sessions: SessionService; auth: AuthService }
>({
  name: 'auth',
  permissions: ['user:read', 'user:manage'],
  errorCodes: ['LOGIN_FAILED', 'PASSWORD_CHANGE_REQUIRED'],
  needs: ['regionsRepo'],
  services: ({ database, audit, config, regionsRepo }) => {
    const sessions = new SessionService(
      database,
      PiiCipher.derive(config.masterSecret, 'session-jwt'),
      config.sessionTtlHours,
    )
    return {
      sessions,
      auth: new AuthService(database, sessions, audit, regionsRepo, {
        maxFailures: config.loginMaxFailures,
        lockMinutes: config.loginLockMinutes,
      }),
    }
  },
  routes: (app, { auth, config }, { loginRateLimit }) =>
    app.register(authRoutes, { auth, secureCookies: config.secureCookies, loginRateLimit }),
})
