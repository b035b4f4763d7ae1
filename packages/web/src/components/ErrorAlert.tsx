import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ERROR_CODES, ITEM_ERROR_CODES, type ErrorCode, type ItemErrorCode } from '@lianfang/core'
import { isApiError } from '../api/client'
import i18n, { translateDynamic } from '../i18n'
import { problemText, type Problem } from './problem-text'

/** Whether the catalogue has a text for `key` (a key built at run time). */
function has(key: string): boolean {
  return i18n.exists(key)
}

/** A string property of an error's `details`, if there is one. */
function detailOf(details: unknown, key: string): string | undefined {
  if (typeof details !== 'object' || details === null || !(key in details)) return undefined
  const v = (details as Record<string, unknown>)[key]
  return typeof v === 'string' ? v : undefined
}

/** The field a problem is about: the property it names, else the last segment of its path. */
function fieldOf(p: Problem): string | undefined {
  if (typeof p.field === 'string') return p.field
  if (typeof p.path !== 'string') return undefined
  const last = p.path.split('/').pop()
  return last && !/^\d+$/.test(last) && last !== 'body' && last !== 'querystring' ? last : undefined
}

/** "Field «name»: too long (at most 100)", from the catalogue (`field.<name>` and {@link problemText}). */
function validationMessage(details: unknown, t: TFunction): string | undefined {
  const first: unknown = Array.isArray(details) ? details[0] : details
  if (typeof first !== 'object' || first === null) return undefined
  const p = first as Problem
  const field = fieldOf(p)
  const label =
    field !== undefined && has(`field.${field}`) ? translateDynamic(t, `field.${field}`) : undefined
  const text = problemText(p, t)
  return label === undefined ? text : t('validation.about', { field: label, text })
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

/**
 * The text of an error code carried in an answer's item (`{ code, message }` of a scan or a
 * contact refused while its batch went on): never the server's English words.
 */
export function codeMessage(code: string | null | undefined, t: TFunction): string {
  if (typeof code !== 'string') return t('error.unexpected')
  if (Object.hasOwn(ERROR_CODES, code)) return t(`errorCode.${code as ErrorCode}`)
  const item = ITEM_ERROR_CODES.find((c): c is ItemErrorCode => c === code)
  return item === undefined ? t('error.unexpected') : t(`itemError.${item}`)
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
    if (error.code === 'ID_NUMBER_INVALID') {
      const problem = detailOf(error.details, 'problem')
      if (problem === 'format' || problem === 'birth_date' || problem === 'checksum')
        return t(`idNumberProblem.${problem}`)
    }
    if (error.code === 'VALIDATION_FAILED') {
      const v = validationMessage(error.details, t)
      if (v !== undefined) return v
    }
    // Every code of the catalogue has a text in both languages (errors-i18n.test.ts); the
    // server's English words are technical detail, shown under it.
    if (Object.hasOwn(ERROR_CODES, error.code)) return t(`errorCode.${error.code as ErrorCode}`)
    return t('error.unexpected')
  }
  return t('error.unexpected')
}

/** An inline error banner: the (translated) message, with the server's words and code below. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const title = errorMessage(error, t)
  let description: string | undefined
  if (isApiError(error) && error.status !== 0) {
    // The code always; the server's (English) words only in the English console.
    description =
      i18n.language === 'en' ? `${error.message} (${error.code})` : t('error.codeLine', { code: error.code })
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
