import { describe, expect, it } from 'vitest'
import type { TFunction } from 'i18next'
import { ApiError } from '../api/client'
import { errorMessage, retryAfterSeconds } from './ErrorAlert'

/** A stand-in `t` that shows which key and values were asked for. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values === undefined ? key : `${key} ${JSON.stringify(values)}`) as unknown as TFunction

describe('errorMessage', () => {
  it('tells how long to wait when a back-off answer says so (the login page after wrong passwords)', () => {
    const limited = (details: unknown) =>
      new ApiError(
        429,
        'RATE_LIMITED',
        'too many failed sign-ins from this address; try again in 4 s',
        details,
      )
    expect(errorMessage(limited({ retryAfterSeconds: 4 }), t)).toBe('retryAfter.seconds {"seconds":4}')
    expect(errorMessage(limited({ retryAfterSeconds: 1.2 }), t)).toBe('retryAfter.seconds {"seconds":2}')
    expect(errorMessage(limited({ retryAfterSeconds: 900 }), t)).toBe('retryAfter.minutes {"minutes":15}')
    expect(errorMessage(new ApiError(503, 'SERVER_BUSY', 'busy', { retryAfterSeconds: 3 }), t)).toBe(
      'retryAfter.seconds {"seconds":3}',
    )
  })

  it('falls back to the general text when no wait is given', () => {
    expect(errorMessage(new ApiError(429, 'RATE_LIMITED', 'slow down'), t)).toBe('errorCode.RATE_LIMITED')
    expect(retryAfterSeconds({ retryAfterSeconds: 'soon' })).toBeUndefined()
    expect(retryAfterSeconds({ retryAfterSeconds: -1 })).toBeUndefined()
    expect(retryAfterSeconds(null)).toBeUndefined()
  })
})

describe('errorMessage from the catalogues (#16)', () => {
  it('an ID number problem is named by its kind, not by the server English', () => {
    const e = new ApiError(400, 'ID_NUMBER_INVALID', 'resident ID number must be 17 digits', {
      problem: 'checksum',
    })
    expect(errorMessage(e, t)).toBe('idNumberProblem.checksum')
  })
  it('a code of the catalogue reads its text; an unknown code the general one; never the server words', () => {
    expect(errorMessage(new ApiError(409, 'CONFLICT', 'order 12 was already released'), t)).toBe(
      'errorCode.CONFLICT',
    )
    expect(errorMessage(new ApiError(400, 'SOMETHING_NEW', 'words'), t)).toBe('error.unexpected')
  })
  it('a validation problem names the field and the rule with its limit', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'body/name must NOT have more than 100 characters', [
      {
        path: 'body/name',
        keyword: 'maxLength',
        limit: 100,
        message: 'must NOT have more than 100 characters',
      },
    ])
    expect(errorMessage(e, t)).toMatch(/^validation\.about /)
    expect(errorMessage(e, t)).toContain('"field":"name"')
  })
})
