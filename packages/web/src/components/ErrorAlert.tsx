import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { isApiError } from '../api/client'

/**
 * Error codes whose meaning is the same whatever the request: these get a translated text
 * (server messages are English). Others, like VALIDATION_FAILED or CONFLICT, say something
 * specific in the server's message, which is shown instead.
 */
export const TRANSLATED_ERROR_CODES = [
  'UNAUTHENTICATED',
  'LOGIN_FAILED',
  'RATE_LIMITED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'PERSON_NOT_FOUND',
  'REGION_NOT_FOUND',
  'REGION_INVALID',
  'OTP_INVALID',
  'ID_NUMBER_INVALID',
  'PERSON_EXISTS',
  'IDENTITY_NOT_VERIFIED',
  'STALE_VERSION',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
  'TIMEOUT',
] as const
type TranslatedErrorCode = (typeof TRANSLATED_ERROR_CODES)[number]

function isTranslated(code: string): code is TranslatedErrorCode {
  return (TRANSLATED_ERROR_CODES as readonly string[]).includes(code)
}

const OTP_REASONS = ['none', 'expired', 'attempts', 'mismatch'] as const

/** Why a one-time code was refused (`details.reason` of OTP_INVALID). */
function otpReason(details: unknown): (typeof OTP_REASONS)[number] | undefined {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return undefined
  const reason = details.reason
  return OTP_REASONS.find((r) => r === reason)
}

/** How long a back-off answer (RATE_LIMITED, SERVER_BUSY) says to wait (`details.retryAfterSeconds`). */
export function retryAfterSeconds(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return undefined
  const seconds = details.retryAfterSeconds
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.ceil(seconds)
    : undefined
}

/** "Try again in …": seconds under two minutes, whole minutes (rounded up) above. */
function waitMessage(seconds: number, t: TFunction): string {
  return seconds < 120
    ? t('retryAfter.seconds', { seconds })
    : t('retryAfter.minutes', { minutes: Math.ceil(seconds / 60) })
}

/** What to tell the user about a failed request, in their language where the code allows. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.status === 0) return t('error.network')
    if (error.code === 'RATE_LIMITED' || error.code === 'SERVER_BUSY') {
      const seconds = retryAfterSeconds(error.details)
      if (seconds !== undefined) return waitMessage(seconds, t)
    }
    if (error.code === 'OTP_INVALID') {
      const reason = otpReason(error.details)
      if (reason !== undefined) return t(`otpInvalid.${reason}`)
    }
    if (isTranslated(error.code)) return t(`errorCode.${error.code}`)
    return error.message
  }
  return t('error.unexpected')
}

/** An inline error banner: the (translated) message, with the server's words and code below. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const title = errorMessage(error, t)
  let description: string | undefined
  if (isApiError(error) && error.status !== 0) {
    description = title === error.message ? error.code : `${error.message} (${error.code})`
  }
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      {...(description === undefined ? {} : { description })}
      style={{ marginBottom: 16 }}
      data-testid="error-alert"
    />
  )
}
