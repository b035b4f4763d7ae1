import type { FastifyError, FastifyInstance } from 'fastify'
import { DomainError, ERROR_CODES, type ErrorCode } from '@lianfang/core'

/**
 * Maps a PostgreSQL error (SQLSTATE) to a DomainError (STYLE.md §4), or undefined when it
 * is not one the client caused or can act on.
 */
/**
 * The field a constraint guards, from PostgreSQL's default constraint names
 * (`<table>_<column>_check`, `<table>_<column>_key`, `<table>_<column>_fkey`); undefined when the
 * name does not say. Only the column reaches the client — never the table, the constraint, the
 * row or the values (a "Failing row contains (…)" detail holds other fields' data).
 */
export function fieldOfConstraint(constraint: unknown, table: unknown): string | undefined {
  if (typeof constraint !== 'string') return undefined
  const m = /^(.*)_(check|key|fkey|not_null)$/.exec(constraint)
  if (!m?.[1]) return undefined
  const rest = typeof table === 'string' && m[1].startsWith(`${table}_`) ? m[1].slice(table.length + 1) : m[1]
  return /^[a-z][a-z0-9_]{0,62}$/.test(rest) ? rest : undefined
}

/**
 * Maps a PostgreSQL error (SQLSTATE) to a DomainError (STYLE.md §4), or undefined when it
 * is not one the client caused or can act on. No database detail reaches the response: not the
 * SQLSTATE's text, the constraint, the table or the failing row — at most the column's name
 * (`details.field`). The whole error is logged by the handler.
 */
export function normalizeDatabaseError(e: unknown): DomainError | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined
  const code = e.code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  const { constraint, table, column } = e as { constraint?: unknown; table?: unknown; column?: unknown }
  const field = typeof column === 'string' ? column : fieldOfConstraint(constraint, table)
  const details = field ? { field } : undefined
  const about = field ? ` (${field})` : ''
  switch (code) {
    case '23505':
      return new DomainError(
        'CONFLICT',
        `a record with the same unique value already exists${about}`,
        details,
      )
    case '23503':
      return new DomainError('VALIDATION_FAILED', `a referenced record does not exist${about}`, details)
    case '23514':
    case '23502':
      return new DomainError('VALIDATION_FAILED', `a value is not acceptable${about}`, details)
    case '54000':
      return new DomainError('VALIDATION_FAILED', `a value is too large to store or index${about}`, details)
    case '40001':
    case '40P01':
      return new DomainError('CONFLICT', 'the change collided with another; retry')
    case '57014':
      return new DomainError('TIMEOUT', 'the query took too long')
    case '57P01':
    case '08006':
    case '08001':
    case '08003':
      return new DomainError('DATABASE_UNAVAILABLE', 'the database is unavailable')
    default:
      // Class 22, data exception: a value the database cannot take (bad format, out of range,
      // NUL or an untranslatable character, too long).
      if (code.startsWith('22')) {
        return new DomainError('VALIDATION_FAILED', `a value is not acceptable${about}`, details)
      }
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
      // keyword and limit let the console say it in the user's language (#16): the path's last
      // segment (or the property named) is the field.
      const problems = error.validation.map((v) => {
        const params = v.params as { additionalProperty?: string; missingProperty?: string; limit?: unknown }
        const field = params.additionalProperty ?? params.missingProperty
        return {
          path: `${where}${v.instancePath || ''}`,
          message: v.message ?? 'is invalid',
          keyword: v.keyword,
          ...(field === undefined ? {} : { field }),
          ...(typeof params.limit === 'number' ? { limit: params.limit } : {}),
        }
      })
      const first = problems[0]
      const message = first
        ? `${first.path}${first.keyword === 'additionalProperties' && first.field ? `/${first.field}` : ''} ${first.message}`
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
      else request.log.info({ err: error }, 'database refused a value')
      return reply.status(db.status).send(body(db.code, db.message, db.details))
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('VALIDATION_FAILED', error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send(body('INTERNAL', 'internal error; it has been logged'))
  })
}
