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
import { authModule } from './auth/module.js'
import { AuditService } from './audit/audit.service.js'
import { auditModule } from './audit/module.js'
import { composeServices, type Kernel, type RouteContext, type ServicesOf } from './kernel/module.js'
import { jobsModule } from './jobs/index.js'
import { importsModule } from './import/index.js'
import { dccModule } from './modules/dcc/index.js'
import { regionsModule } from './modules/regions/index.js'
import { personsModule } from './modules/persons/index.js'
import { healthModule } from './modules/health/index.js'
import { keysModule } from './modules/keys/index.js'
import { healthCodesModule } from './modules/health-codes/index.js'
import { checkinsModule } from './modules/checkins/index.js'
import { quarantineModule } from './modules/quarantine/index.js'
import { testingModule } from './modules/testing/index.js'
import { keyGroupsModule } from './modules/key-groups/index.js'
import { riskAreasModule } from './modules/risk-areas/index.js'
import { samplingModule } from './modules/sampling/index.js'
import { casesModule } from './modules/cases/index.js'
import { citizensModule } from './modules/citizens/index.js'
import { appealsModule } from './modules/appeals/index.js'
import { followupsModule } from './modules/followups/index.js'
import { tubesModule } from './modules/tubes/index.js'
import './auth/session-user.js'

/**
 * The modules the node is composed of, in dependency order: each is built from the kernel and
 * the services of modules listed before it (docs/adding-a-module.md). A new domain is one line.
 */
export const MODULES = [
  healthModule,
  jobsModule,
  regionsModule,
  authModule,
  keysModule,
  auditModule,
  personsModule,
  healthCodesModule,
  checkinsModule,
  riskAreasModule,
  samplingModule,
  quarantineModule,
  testingModule,
  casesModule,
  citizensModule,
  keyGroupsModule,
  appealsModule,
  followupsModule,
  tubesModule,
  importsModule,
  dccModule,
] as const

/** Everything the app is built from; the services are shared with the CLI (seed, simulate). */
export type Services = ServicesOf<typeof MODULES>

export function createServices(config: Config, database: Database): Services {
  const kernel: Kernel = {
    config,
    database,
    cipher: new PiiCipher(config.masterSecret),
    audit: new AuditService(database),
    logger: { current: undefined },
  }
  return composeServices(kernel, MODULES)
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
  const context: RouteContext = {
    config,
    registry,
    loginRateLimit: options.loginRateLimit ?? 20,
    otpRateLimit: options.otpRateLimit ?? 10,
  }
  for (const m of MODULES) {
    if (!m.routes) continue
    const routes = m.routes.bind(m)
    // A module's routes may check only the permissions it declares (the catalogue is assembled from them).
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        const access = (route.config as { access?: { permission?: string } } | undefined)?.access
        if (
          access?.permission !== undefined &&
          !(m.permissions as readonly string[]).includes(access.permission)
        )
          throw new Error(
            `module ${m.name}: route ${String(route.method)} ${route.url} checks undeclared permission ${access.permission}`,
          )
      })
      await routes(scope, services, context)
    })
  }

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
