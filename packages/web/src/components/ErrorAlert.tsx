import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { isApiError } from '../api/client'

/** What to tell the user about a failed request: the server's message, or that it could not be reached. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) return error.status === 0 ? t('error.network') : error.message
  return t('error.unexpected')
}

/** An inline error banner showing the server's `error.message`. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const code = isApiError(error) ? error.code : undefined
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error, t)}
      {...(code === undefined ? {} : { description: code })}
      style={{ marginBottom: 16 }}
      data-testid="error-alert"
    />
  )
}
