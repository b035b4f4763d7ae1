import { beforeAll, describe, expect, it } from 'vitest'
import i18next, { type TFunction } from 'i18next'
import { ApiError } from '../api/client'
import { resources } from '../i18n'
import { codeMessage, errorMessage, retryAfterSeconds } from './ErrorAlert'
import { fieldErrorsOf } from './list-kit/field-errors'

// The catalogues answer which keys exist (a field's label, a validation keyword).
beforeAll(async () => {
  await i18next.init({ resources, lng: 'zh-CN', fallbackLng: 'zh-CN' })
})

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
    expect(errorMessage(e, t)).toContain('"field":"field.name"')
    expect(errorMessage(e, t)).toContain('validation.maxLength {\\"limit\\":100}')
  })
  it('a field the catalogue does not name is left out rather than shown by its id', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'body/fooBar is wrong', [
      { path: 'body/fooBar', keyword: 'pattern', message: 'must match pattern' },
    ])
    expect(errorMessage(e, t)).toBe('validation.pattern {"limit":""}')
  })
  it('a plausibility refusal reads its rule with its bound, on the alert and on the field', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'onsetAt is more than 60 days from isolatedAt', {
      field: 'onsetAt',
      rule: 'far_from_onset',
      bound: '60 days',
    })
    expect(errorMessage(e, t)).toBe(
      'validation.about {"field":"field.onsetAt","text":"plausibility.far_from_onset {\\"n\\":60}"}',
    )
    expect(fieldErrorsOf(e, t)).toEqual([
      { name: 'onsetAt', message: 'plausibility.far_from_onset {"n":60}' },
    ])
  })
  it('a refused item of a batch (a scan, a contact) reads its code, never the server words', () => {
    expect(codeMessage('SCAN_TOO_OLD', t)).toBe('itemError.SCAN_TOO_OLD')
    expect(codeMessage('PERSON_NOT_FOUND', t)).toBe('errorCode.PERSON_NOT_FOUND')
    expect(codeMessage('SOMETHING_NEW', t)).toBe('error.unexpected')
    expect(codeMessage(undefined, t)).toBe('error.unexpected')
  })
})
