import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { DomainError } from '@lianfang/core'
import type { Config } from './config/config.js'
import type { Database } from './db/database.js'
import { PiiCipher } from './crypto/pii-cipher.js'
import { installErrorHandler } from './http/errors.js'
import { installEdgeChecks } from './http/edge.js'
import { validatorCompiler } from './http/validation.js'
import { installGuard } from './auth/guard.js'
import { SessionService } from './auth/sessions.js'
import { AuthService } from './auth/auth.service.js'
import { authRoutes } from './auth/auth.routes.js'
import { AuditService } from './audit/audit.service.js'
import { auditRoutes } from './audit/audit.routes.js'
import { AuditHeadService } from './audit/audit-head.js'
import { auditHeadRoutes } from './audit/audit-head.routes.js'
import { RegionsRepository, regionsRoutes, RegionsService } from './modules/regions/index.js'
import { personsRoutes, PersonsService } from './modules/persons/index.js'
import { healthRoutes } from './modules/health/index.js'
import {
  CodesService,
  ColourService,
  FactsService,
  healthCodesRoutes,
  RuleSetsService,
} from './modules/health-codes/index.js'
import {
  citizensRoutes,
  CitizensService,
  DevelopmentSmsSender,
  HttpSmsSender,
  type SmsSender,
} from './modules/citizens/index.js'
import { appealsRoutes, AppealsService } from './modules/appeals/index.js'
import type { FastifyBaseLogger } from 'fastify'
import { CodeVerifier, keysRoutes, KeysService } from './modules/keys/index.js'
import {
  checkinsRoutes,
  CheckinsService,
  CheckinWriter,
  PosterService,
  VenuesService,
} from './modules/checkins/index.js'
import {
  casesRoutes,
  CasesService,
  chainsRoutes,
  ChainsService,
  ClustersService,
  ContactsService,
  InvestigationService,
} from './modules/cases/index.js'
import { followupsRoutes, FollowupsService } from './modules/followups/index.js'
import './auth/session-user.js'

/** Everything the app is built from; the services are shared with the CLI (seed, simulate). */
export interface Services {
  readonly database: Database
  readonly cipher: PiiCipher
  readonly audit: AuditService
  readonly regionsRepo: RegionsRepository
  readonly regions: RegionsService
  readonly sessions: SessionService
  readonly auth: AuthService
  readonly persons: PersonsService
  readonly colours: ColourService
  readonly facts: FactsService
  readonly ruleSets: RuleSetsService
  readonly codes: CodesService
  readonly keys: KeysService
  readonly verifier: CodeVerifier
  readonly checkinWriter: CheckinWriter
  readonly checkins: CheckinsService
  readonly venues: VenuesService
  readonly cases: CasesService
  readonly contacts: ContactsService
  readonly investigation: InvestigationService
  readonly clusters: ClustersService
  readonly chains: ChainsService
  readonly citizens: CitizensService
  readonly appeals: AppealsService
  readonly posters: PosterService
  readonly followups: FollowupsService
  /** Where services log outside a request (set once the app's logger exists). */
  readonly logger: { current: FastifyBaseLogger | undefined }
}

export function createServices(config: Config, database: Database): Services {
  const cipher = new PiiCipher(config.masterSecret)
  const audit = new AuditService(database)
  const regionsRepo = new RegionsRepository(database)
  const sessions = new SessionService(
    database,
    PiiCipher.derive(config.masterSecret, 'session-jwt'),
    config.sessionTtlHours,
  )
  const colours = new ColourService(database)
  const logger: Services['logger'] = { current: undefined }
  const clusters = new ClustersService(database, audit, logger)
  const keys = new KeysService(database, audit, config.masterSecret, {
    issuer: config.nodeId,
    region: config.nodeRegion,
    codeKeyDays: 90,
    overlapDays: 3,
    trustListDays: 7,
    statusTtlSeconds: 300,
  })
  const verifier = new CodeVerifier(keys)
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
  const venues = new VenuesService(database, audit, keys, (id) => {
    checkins.forgetVenue(id)
  })
  const sms: SmsSender = config.smsGatewayUrl
    ? new HttpSmsSender(config.smsGatewayUrl, config.smsGatewayToken)
    : new DevelopmentSmsSender(database, () => logger.current)
  return {
    logger,
    database,
    cipher,
    audit,
    regionsRepo,
    regions: new RegionsService(regionsRepo),
    sessions,
    auth: new AuthService(database, sessions, audit, regionsRepo, {
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
    }),
    persons: new PersonsService(database, cipher, audit, regionsRepo),
    colours,
    facts: new FactsService(database, audit, colours),
    ruleSets: new RuleSetsService(database, audit, colours),
    keys,
    verifier,
    codes: new CodesService(database, audit, colours, keys, verifier),
    checkinWriter,
    checkins,
    venues,
    posters: new PosterService(venues, keys, () => logger.current, config.posters),
    cases: new CasesService(database, audit, colours, clusters),
    contacts: new ContactsService(database, audit, colours),
    investigation: new InvestigationService(database, audit),
    clusters,
    chains: new ChainsService(database, audit),
    citizens: new CitizensService(
      database,
      cipher,
      audit,
      sms,
      sessions,
      PiiCipher.derive(config.masterSecret, 'otp-hmac'),
    ),
    appeals: new AppealsService(database, audit, colours),
    followups: new FollowupsService(database, audit, colours),
  }
}

export interface BuildOptions {
  readonly logger?: FastifyServerOptions['logger']
  /** Login attempts per client address per minute. */
  readonly loginRateLimit?: number
  /** One-time-code requests and registrations per client address per hour. */
  readonly otpRateLimit?: number
}

/** Builds the HTTP application (not listening). */
export async function buildApp(
  config: Config,
  services: Services,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Only the configured proxies' X-Forwarded-For is believed (TRUST_PROXY); by default none.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    return503OnClosing: true,
    // A request (headers and body) must arrive within this; a trickled body is cut off.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // Node checks the request timeout on this interval (30 s by default, which doubles the cut-off).
    http: {
      connectionsCheckingInterval: Math.min(5000, Math.ceil(config.requestTimeoutMs / 4)),
      headersTimeout: config.requestTimeoutMs,
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  installErrorHandler(app)
  services.logger.current = app.log
  await app.register(cookie)
  // Security headers (docs/security.md): no framing, no MIME sniffing, no referrer leaving the
  // node, and a CSP the console runs under (antd writes inline styles; no inline scripts).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // Plain-HTTP demo nodes must not be pinned to HTTPS; production sets it at the TLS proxy.
    strictTransportSecurity: config.secureCookies,
  })
  installEdgeChecks(app, { allowedOrigins: config.allowedOrigins, https: config.secureCookies })
  await app.register(rateLimit, { global: false })

  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const httpDuration = new Histogram({
    name: 'lianfang_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    )
  })

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lianfang API',
        version: '0.1.0',
        description: 'Normalized epidemic prevention and control',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lf_session' } } },
      security: [{ session: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  await services.keys.ensureKeys()
  installGuard(app, services.sessions)
  await app.register(healthRoutes, {
    database: services.database,
    registry,
    metricsAllow: config.metricsAllow,
    metricsToken: config.metricsToken,
  })
  await app.register(authRoutes, {
    auth: services.auth,
    secureCookies: config.secureCookies,
    loginRateLimit: options.loginRateLimit ?? 20,
  })
  await app.register(auditRoutes, { audit: services.audit, nodeRegion: config.nodeRegion })
  await app.register(auditHeadRoutes, {
    heads: new AuditHeadService(services.database, services.keys, config.nodeId),
    nodeRegion: config.nodeRegion,
    metricsToken: config.metricsToken,
  })
  await app.register(regionsRoutes, { regions: services.regions, nodeRegion: config.nodeRegion })
  await app.register(personsRoutes, { persons: services.persons })
  await app.register(healthCodesRoutes, {
    codes: services.codes,
    facts: services.facts,
    ruleSets: services.ruleSets,
  })
  await app.register(citizensRoutes, {
    citizens: services.citizens,
    otpRateLimit: options.otpRateLimit ?? 10,
    nodeRegion: config.nodeRegion,
  })
  await app.register(appealsRoutes, { appeals: services.appeals })
  await app.register(keysRoutes, { keys: services.keys, verifier: services.verifier })
  await app.register(checkinsRoutes, {
    checkins: services.checkins,
    venues: services.venues,
    posters: services.posters,
  })
  await app.register(casesRoutes, {
    cases: services.cases,
    contacts: services.contacts,
    investigation: services.investigation,
  })
  await app.register(chainsRoutes, { clusters: services.clusters, chains: services.chains })
  await app.register(followupsRoutes, { followups: services.followups })

  const webDir = config.webDir ?? join(import.meta.dirname, '../../web/dist')
  const hasWeb = existsSync(join(webDir, 'index.html'))
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false })
  app.setNotFoundHandler((request, reply) => {
    if (
      hasWeb &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/assets/')
    ) {
      return reply.type('text/html').sendFile('index.html')
    }
    throw new DomainError('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)
  })
  return app
}
