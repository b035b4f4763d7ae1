import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DomainError } from '@lianfang/core'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** True when `text` can be stored and hashed as given: no NUL, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text)
}

/**
 * Where a text value cannot be stored as given: a NUL (PostgreSQL text cannot hold it) or a
 * lone UTF-16 surrogate (UTF-8 cannot encode it: the driver would store U+FFFD, so what a hash
 * covered and what was stored would differ). Returns the JSON path of the first such string.
 */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    return isStorableText(value) ? undefined : path || '/'
  }
  if (value === null || typeof value !== 'object') return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}/${String(i)}`)
      if (found) return found
    }
    return undefined
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = findUnstorableText(key, `${path}/${key}`)
    if (keyProblem) return `${path}/(a key)`
    const found = findUnstorableText(v, `${path}/${key}`)
    if (found) return found
  }
  return undefined
}

/**
 * Whether `origin` is the one this request was addressed to. Behind a TLS-terminating proxy
 * that is not trusted (TRUST_PROXY unset) the request looks like plain HTTP, so a node configured
 * for HTTPS (`SECURE_COOKIES`) also takes `https://` + its Host.
 */
function isOwnOrigin(request: FastifyRequest, origin: string, https: boolean): boolean {
  return origin === `${request.protocol}://${request.host}` || (https && origin === `https://${request.host}`)
}

/**
 * Refuses a state-changing request that a browser sent from another origin (CSRF). A
 * `SameSite=Strict` cookie does not cover same-site origins (another port or subdomain of the
 * same host), so: `Sec-Fetch-Site` must be `same-origin` or `none` (typed by the user) when the
 * browser sends it; otherwise `Origin`, when present, must be this server's own origin or one of
 * `allowedOrigins`. Clients that are not browsers send neither and are not affected (a CSRF
 * attack needs a browser carrying the victim's cookie, and browsers send `Origin` on every
 * non-GET request).
 */
export function checkOrigin(
  request: FastifyRequest,
  allowedOrigins: ReadonlySet<string>,
  https = false,
): void {
  const fetchSite = request.headers['sec-fetch-site']
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    const origin = request.headers.origin
    if (!(typeof origin === 'string' && allowedOrigins.has(origin))) {
      throw new DomainError(
        'CROSS_ORIGIN_REFUSED',
        `a ${fetchSite} request may not change anything here; use the console at this server's own address`,
      )
    }
    return
  }
  const origin = request.headers.origin
  if (origin === undefined) return
  if (!isOwnOrigin(request, origin, https) && !allowedOrigins.has(origin)) {
    throw new DomainError(
      'CROSS_ORIGIN_REFUSED',
      `a request from origin ${origin.slice(0, 200)} may not change anything here`,
    )
  }
}

/**
 * Checks at the edge, before any route: state-changing API requests come from this origin and
 * carry JSON (or nothing); no text anywhere in a request holds a NUL or a lone surrogate.
 */
export function installEdgeChecks(
  app: FastifyInstance,
  options: { allowedOrigins: readonly string[]; https: boolean },
): void {
  const allowed = new Set(options.allowedOrigins)
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return
    checkOrigin(request, allowed, options.https)
    const type = request.headers['content-type']
    if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type ${type.slice(0, 100)} is not accepted; send application/json (or no body)`,
      )
    }
  })
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const at = findUnstorableText(value)
      if (at !== undefined) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `${where}${at === '/' ? '' : at} contains a NUL character or a lone UTF-16 surrogate (ill-formed Unicode)`,
          [{ path: `${where}${at === '/' ? '' : at}`, message: 'NUL or ill-formed Unicode' }],
        )
      }
    }
  })
}
