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
