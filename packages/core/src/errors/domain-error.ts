/**
 * The one error currency of Lianfang (STYLE.md §4). Core code and services throw a
 * `DomainError` with a stable code; the server maps codes to HTTP statuses in one place.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  ID_NUMBER_INVALID: 400,
  REGION_INVALID: 400,
  OTP_INVALID: 400,
  REGION_REQUIRED: 400,
  CHAIN_SELF_LINK: 400,
  UNIT_NOT_IN_EMPLOYER: 400,
  VENUE_TRANSPORT_NOT_APPLICABLE: 400,
  SLOT_INVALID: 400,
  POOL_SIZE_NOT_ALLOWED: 400,
  TUBE_FULL: 400,
  RESULT_INVALID: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  CROSS_ORIGIN_REFUSED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  RESULT_NOT_YOURS: 403,
  NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  REGION_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  HOUSEHOLD_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  KEY_GROUP_NOT_FOUND: 404,
  CONFLICT: 409,
  PERSON_EXISTS: 409,
  IDENTITY_NOT_VERIFIED: 409,
  STALE_VERSION: 409,
  TRANSITION_NOT_ALLOWED: 409,
  DISCHARGE_CRITERIA_NOT_MET: 409,
  CHAIN_CYCLE: 409,
  KEY_GROUP_EXISTS: 409,
  SLOT_FULL: 409,
  BOOKING_EXISTS: 409,
  TUBE_EXISTS: 409,
  PERSON_IN_OTHER_TUBE: 409,
  TUBE_STATE: 409,
  RESULT_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  TIMEOUT: 504,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }

  get status(): number {
    return ERROR_CODES[this.code]
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError
}
