import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'
import { ERROR_CODES, PERMISSIONS, type ErrorCode, type Permission } from '@lianfang/core'
import type { Config } from '../config/config.js'
import type { Database } from '../db/database.js'
import type { PiiCipher } from '../crypto/pii-cipher.js'
import type { AuditService } from '../audit/audit.service.js'
import type { JobsRegistrar } from '../jobs/jobs.runtime.js'

/** What every module gets without declaring it: configuration, the database, PII cipher, audit. */
export interface Kernel {
  readonly config: Config
  readonly database: Database
  readonly cipher: PiiCipher
  readonly audit: AuditService
  /** Where services log outside a request (set once the app's logger exists). */
  readonly logger: { current: FastifyBaseLogger | undefined }
}

/** What a module's routes get besides its services (per app, not per process). */
export interface RouteContext {
  readonly config: Config
  readonly registry: Registry
  /** Login attempts per client address per minute. */
  readonly loginRateLimit: number
  /** One-time-code requests and registrations per client address per hour. */
  readonly otpRateLimit: number
}

/**
 * One domain as the app composes it (docs/adding-a-module.md): what it brings — its
 * permissions and error codes (checked against the catalogues at start), the services it
 * builds from the services of modules listed before it (`needs`, checked at start), its routes
 * — and nothing else. `Needs` and `Provides` are the types of those service bags.
 */
export interface ModuleDefinition<Needs extends object, Provides extends object> {
  readonly name: string
  /** Permissions its routes check (each must be in core's catalogue, `PERMISSIONS`). */
  readonly permissions: readonly Permission[]
  /** Error codes its services throw beyond the common ones (each in core's `ERROR_CODES`). */
  readonly errorCodes: readonly ErrorCode[]
  /** Services of earlier modules it is built from (names in the composed `Services`). */
  readonly needs: readonly (keyof Needs & string)[]
  services(deps: Kernel & Needs): Provides
  routes?(
    app: FastifyInstance,
    services: Kernel & Needs & Provides,
    context: RouteContext,
  ): PromiseLike<unknown>
  /** Registers the module's job handlers and periodic tasks (docs/jobs.md); run once the node listens. */
  jobs?(jobs: JobsRegistrar, services: Kernel & Needs & Provides, log: FastifyBaseLogger): void
}

/** Declares a module (identity at run time; it types the declaration). */
export function defineModule<Needs extends object = object, Provides extends object = object>(
  m: ModuleDefinition<Needs, Provides>,
): ModuleDefinition<Needs, Provides> {
  return m
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ModuleDefinition<any, any>
type ProvidesOf<M extends AnyModule> = ReturnType<M['services']>
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never
/** The services a list of modules provides, together. */
export type ServicesOf<Ms extends readonly AnyModule[]> = Kernel & UnionToIntersection<ProvidesOf<Ms[number]>>

/** Errors every module may throw without declaring them (validation, scope, not found …). */
export const COMMON_ERROR_CODES: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'BAD_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'CROSS_ORIGIN_REFUSED',
  'NOT_FOUND',
  'PERSON_NOT_FOUND',
  'REGION_INVALID',
  'REGION_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'CONFLICT',
  'STALE_VERSION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
  'SERVER_BUSY',
  'TIMEOUT',
]

/**
 * Builds every module's services in list order, each from the kernel and what earlier modules
 * provided; refuses a module that needs a service no earlier module provides, two modules
 * providing one name, or a permission or error code missing from core's catalogues.
 */
export function composeServices<Ms extends readonly AnyModule[]>(
  kernel: Kernel,
  modules: Ms,
): ServicesOf<Ms> {
  const built: Record<string, unknown> = { ...kernel }
  const owner = new Map<string, string>(Object.keys(kernel).map((k) => [k, 'kernel']))
  const names = new Set<string>()
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`)
    names.add(m.name)
    for (const p of m.permissions)
      if (!(PERMISSIONS as readonly string[]).includes(p))
        throw new Error(`module ${m.name}: permission ${p} is not in core's PERMISSIONS`)
    for (const c of m.errorCodes)
      if (!(c in ERROR_CODES))
        throw new Error(`module ${m.name}: error code ${c} is not in core's ERROR_CODES`)
    for (const need of m.needs)
      if (!(need in built))
        throw new Error(`module ${m.name} needs '${need}', which no module listed before it provides`)
    const provided = m.services(built) as Record<string, unknown>
    for (const [k, v] of Object.entries(provided)) {
      const earlier = owner.get(k)
      if (earlier !== undefined)
        throw new Error(`module ${m.name} provides '${k}', already provided by ${earlier}`)
      owner.set(k, m.name)
      built[k] = v
    }
  }
  return built as ServicesOf<Ms>
}

/** The catalogues assembled from the modules (served in OpenAPI, checked in tests). */
export function catalogues(modules: readonly AnyModule[]): {
  permissions: ReadonlyMap<Permission, string[]>
  errorCodes: ReadonlyMap<ErrorCode, string[]>
} {
  const permissions = new Map<Permission, string[]>()
  const errorCodes = new Map<ErrorCode, string[]>()
  for (const c of COMMON_ERROR_CODES) errorCodes.set(c, ['common'])
  for (const m of modules) {
    for (const p of m.permissions) permissions.set(p, [...(permissions.get(p) ?? []), m.name])
    for (const c of m.errorCodes) errorCodes.set(c, [...(errorCodes.get(c) ?? []), m.name])
  }
  return { permissions, errorCodes }
}
