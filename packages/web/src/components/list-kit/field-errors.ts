import { isApiError } from '../../api/client'

export interface FieldError {
  readonly name: string
  readonly message: string
}

/**
 * The form fields a refused request names: a domain error's `details.field` (the server's
 * plausibility and database refusals) or the schema validator's `[{ path: 'body/phone', … }]`.
 * Only top-level body fields are returned; anything else stays a general error.
 */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!isApiError(error)) return []
  const { details } = error
  if (Array.isArray(details)) {
    const out: FieldError[] = []
    for (const problem of details as unknown[]) {
      if (typeof problem !== 'object' || problem === null) continue
      const { path, message, field } = problem as { path?: unknown; message?: unknown; field?: unknown }
      if (typeof path !== 'string' || !path.startsWith('body')) continue
      const segments = path.split('/').filter((s) => s !== '')
      const name = segments[1] ?? (typeof field === 'string' ? field : undefined)
      if (name === undefined) continue
      out.push({ name, message: typeof message === 'string' ? message : error.message })
    }
    return out
  }
  if (typeof details === 'object' && details !== null && 'field' in details) {
    const field = details.field
    if (typeof field === 'string' && field !== '') return [{ name: field, message: error.message }]
  }
  return []
}
