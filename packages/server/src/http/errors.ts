import type { FastifyError, FastifyInstance } from 'fastify'
import { DomainError, ERROR_CODES, type ErrorCode } from '@lianfang/core'

/**
 * Maps a PostgreSQL error (SQLSTATE) to a DomainError (STYLE.md §4), or undefined when it
 * is not one the client caused or can act on.
 */
export function normalizeDatabaseError(e: unknown): DomainError | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined
  const code = e.code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  const detail = (e as { detail?: unknown }).detail
  const constraint = (e as { constraint?: unknown }).constraint
  const details = { sqlstate: code, constraint, detail }
  switch (code) {
    case '23505':
      return new DomainError('CONFLICT', 'a record with the same unique value already exists', details)
    case '23503':
      return new DomainError('VALIDATION_FAILED', 'a referenced record does not exist', details)
    case '23514':
    case '23502':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return new DomainError('VALIDATION_FAILED', 'a value is not acceptable to the database', details)
    case '40001':
    case '40P01':
      return new DomainError('CONFLICT', 'the change collided with another; retry', details)
    case '57014':
      return new DomainError('TIMEOUT', 'the query took too long', details)
    case '57P01':
    case '08006':
    case '08001':
    case '08003':
      return new DomainError('DATABASE_UNAVAILABLE', 'the database is unavailable', details)
    default:
      return undefined
  }
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

const body = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
})

/** Fastify's own error codes for malformed requests → our codes and statuses. */
const FASTIFY_CODES: Readonly<Record<string, { code: ErrorCode; message?: string }>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'unsupported Content-Type; send application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'BAD_JSON',
    message: 'body is empty but Content-Type is application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'Content-Length does not match the body',
  },
}

/** The single error handler: every error leaves the API as `{ error: { code, message, details } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(error.status).send(body(error.code, error.message, error.details))
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request'
      const problems = error.validation.map((v) => ({
        path: `${where}${v.instancePath || ''}`,
        message: v.message ?? 'is invalid',
        ...(v.keyword === 'additionalProperties'
          ? { field: (v.params as { additionalProperty?: string }).additionalProperty }
          : {}),
      }))
      const first = problems[0]
      const message = first
        ? `${first.path}${first.field ? `/${first.field}` : ''} ${first.message}`
        : `${where} is invalid`
      return reply.status(400).send(body('VALIDATION_FAILED', message, problems))
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined
    if (mapped) {
      const status = ERROR_CODES[mapped.code]
      return reply.status(status).send(body(mapped.code, mapped.message ?? error.message))
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(body('RATE_LIMITED', error.message || 'too many requests; slow down'))
    }
    const db = normalizeDatabaseError(error)
    if (db) {
      if (db.status >= 500) request.log.error({ err: error }, 'database error')
      return reply.status(db.status).send(body(db.code, db.message, db.details))
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('VALIDATION_FAILED', error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send(body('INTERNAL', 'internal error; it has been logged'))
  })
}
