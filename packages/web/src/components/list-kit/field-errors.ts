import type { TFunction } from 'i18next'
import { isApiError } from '../../api/client'
import { errorMessage } from '../ErrorAlert'
import { problemText, type Problem } from '../problem-text'

export interface FieldError {
  readonly name: string
  readonly message: string
}

/**
 * The form fields a refused request names: a domain error's `details.field` (the server's
 * plausibility and database refusals) or the schema validator's `[{ path: 'body/phone', … }]`.
 * Only top-level body fields are returned; anything else stays a general error. The message is
 * the catalogue's, in the console's language (never the server's English words).
 */
export function fieldErrorsOf(error: unknown, t: TFunction): FieldError[] {
  if (!isApiError(error)) return []
  const { details } = error
  if (Array.isArray(details)) {
    const out: FieldError[] = []
    for (const problem of details as unknown[]) {
      if (typeof problem !== 'object' || problem === null) continue
      const { path, field } = problem as Problem
      if (typeof path !== 'string' || !path.startsWith('body')) continue
      const segments = path.split('/').filter((s) => s !== '')
      const name = segments[1] ?? (typeof field === 'string' ? field : undefined)
      if (name === undefined) continue
      out.push({ name, message: problemText(problem, t) })
    }
    return out
  }
  if (typeof details === 'object' && details !== null && 'field' in details) {
    const field = details.field
    if (typeof field === 'string' && field !== '')
      return [
        {
          name: field,
          message: error.code === 'VALIDATION_FAILED' ? problemText(details, t) : errorMessage(error, t),
        },
      ]
  }
  return []
}
